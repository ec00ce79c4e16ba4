using HaVip.Contracts.Api;

namespace HaVip.Contracts.Client;

/// <summary>The fleet (admin keys).</summary>
public sealed partial class HaVipApiClient
{
    public Task<Page<HostDto>> ListHostsAsync(string? state, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<HostDto>>(Query.Build("/v1/hosts", page, ("state", state)), ct);

    public Task<HostDto> GetHostAsync(string name, CancellationToken ct) => GetAsync<HostDto>($"/v1/hosts/{Id(name)}", ct);
}
