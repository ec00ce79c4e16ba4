using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;

namespace HaVip.Lab.Api;

/// <summary>The few API calls the lab makes: placing instances, reading configs, watching HAVIPs.</summary>
public sealed class LabApi(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Creates an agent key for <paramref name="host"/> (needs the admin key) and returns its secret.</summary>
    public async Task<string> CreateAgentKeyAsync(string host, CancellationToken ct) =>
        (await ReadAsync<CreatedApiKeyDto>(await http.PostAsJsonAsync("/v1/keys", new CreateApiKeyRequest($"agent {host}", Role: KeyRole.Agent, Host: host), ApiJson.Options, ct), ct)).Secret;

    public async Task<IReadOnlyList<InstanceDto>> InstancesAsync(CancellationToken ct) =>
        (await http.GetFromJsonAsync<Page<InstanceDto>>("/v1/instances", ApiJson.Options, ct))!.Items;

    public async Task<IReadOnlyList<SubnetDto>> SubnetsAsync(CancellationToken ct) =>
        (await http.GetFromJsonAsync<Page<SubnetDto>>("/v1/subnets", ApiJson.Options, ct))!.Items;

    public async Task<InstanceDto> PlaceAsync(string instanceId, string host, CancellationToken ct) =>
        await ReadAsync<InstanceDto>(await http.PatchAsJsonAsync($"/v1/instances/{instanceId}", new UpdateInstanceRequest(Host: host), ApiJson.Options, ct), ct);

    public async Task<InstanceDto> CreateInstanceAsync(CreateInstanceRequest request, CancellationToken ct) =>
        await ReadAsync<InstanceDto>(await http.PostAsJsonAsync("/v1/instances", request, ApiJson.Options, ct), ct);

    public async Task<HaVipDto> CreateHaVipAsync(CreateHaVipRequest request, CancellationToken ct) =>
        await ReadAsync<HaVipDto>(await http.PostAsJsonAsync("/v1/havips", request, ApiJson.Options, ct), ct);

    public async Task<HaVipDto> HaVipAsync(string id, CancellationToken ct) =>
        await ReadAsync<HaVipDto>(await http.GetAsync($"/v1/havips/{id}", ct), ct);

    public async Task<IReadOnlyList<HaVipDto>> HaVipsAsync(CancellationToken ct) =>
        (await http.GetFromJsonAsync<Page<HaVipDto>>("/v1/havips?pageSize=100", ApiJson.Options, ct))!.Items;

    public async Task<IReadOnlyList<HaVipEventDto>> EventsAsync(string id, CancellationToken ct) =>
        (await http.GetFromJsonAsync<HaVipEventDto[]>($"/v1/havips/{id}/events", ApiJson.Options, ct))!;

    /// <summary>What the agent of <paramref name="host"/> is told (the lab reads VNIs from it), asked with that host's agent key.</summary>
    public async Task<DesiredStateDto> DesiredStateAsync(string host, string agentKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/agent/v1/hosts/{host}/desired-state");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agentKey);
        return await ReadAsync<DesiredStateDto>(await http.SendAsync(request, ct), ct);
    }

    public async Task<string> KeepalivedAsync(string haVipId, string instanceId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/v1/havips/{haVipId}/keepalived?instanceId={instanceId}", ct);
        await EnsureAsync(response, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task DeleteHaVipAsync(string id, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"/v1/havips/{id}", ct);
        await EnsureAsync(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            await EnsureAsync(response, ct);
            return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct))!;
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        }
    }
}
