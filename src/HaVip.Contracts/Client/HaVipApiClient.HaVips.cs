using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

namespace HaVip.Contracts.Client;

/// <summary>HAVIPs: lifecycle, bindings, keepalived.conf and the timeline.</summary>
public sealed partial class HaVipApiClient
{
    public Task<HaVipDto> CreateHaVipAsync(CreateHaVipRequest request, CancellationToken ct) =>
        SendAsync<HaVipDto>(HttpMethod.Post, "/v1/havips", request, ct);

    public Task<Page<HaVipDto>> ListHaVipsAsync(HaVipListFilter filter, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<HaVipDto>>(Query.Build("/v1/havips", page, ("vpcId", filter.VpcId), ("subnetId", filter.SubnetId),
            ("status", filter.Status), ("instanceId", filter.InstanceId), ("name", filter.Name), ("health", filter.Health)), ct);

    public Task<HaVipDto> GetHaVipAsync(string id, CancellationToken ct) => GetAsync<HaVipDto>($"/v1/havips/{Id(id)}", ct);

    /// <summary>The HAVIP, or null once it is gone (what waiting for a delete looks for).</summary>
    public async Task<HaVipDto?> FindHaVipAsync(string id, CancellationToken ct)
    {
        try
        {
            return await GetHaVipAsync(id, ct);
        }
        catch (ApiProblemException e) when (e.Problem.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<HaVipDto> UpdateHaVipAsync(string id, UpdateHaVipRequest request, CancellationToken ct) =>
        SendAsync<HaVipDto>(HttpMethod.Patch, $"/v1/havips/{Id(id)}", request, ct);

    public Task<HaVipDto> AddInstanceAsync(string id, string instanceId, CancellationToken ct) =>
        SendAsync<HaVipDto>(HttpMethod.Post, $"/v1/havips/{Id(id)}/instances", new AddInstanceRequest(instanceId), ct);

    public Task<HaVipDto> RemoveInstanceAsync(string id, string instanceId, CancellationToken ct) =>
        SendAsync<HaVipDto>(HttpMethod.Delete, $"/v1/havips/{Id(id)}/instances/{Id(instanceId)}", null, ct);

    public Task<HaVipDto> ReplaceInstancesAsync(string id, IReadOnlyList<string> instanceIds, CancellationToken ct) =>
        SendAsync<HaVipDto>(HttpMethod.Put, $"/v1/havips/{Id(id)}/instances", new ReplaceInstancesRequest(instanceIds), ct);

    /// <summary>Null when the HAVIP is gone at once (204); the HAVIP, deleting, while hosts still remove it (202).</summary>
    public async Task<HaVipDto?> DeleteHaVipAsync(string id, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"/v1/havips/{Id(id)}", null, ct);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<HaVipDto>(ApiJson.Options, ct);
    }

    public Task<BatchDeleteResponse> BatchDeleteHaVipsAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        SendAsync<BatchDeleteResponse>(HttpMethod.Post, "/v1/havips/batch-delete", new BatchDeleteRequest(ids), ct);

    public async Task<string> KeepalivedAsync(string id, string instanceId, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, Query.Build($"/v1/havips/{Id(id)}/keepalived", PageRequest.None, ("instanceId", instanceId)), null, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public Task<HaVipEventDto[]> EventsAsync(string id, CancellationToken ct) => GetAsync<HaVipEventDto[]>($"/v1/havips/{Id(id)}/events", ct);
}

/// <summary>The list filters of GET /v1/havips; null means "any".</summary>
public sealed record HaVipListFilter(
    string? VpcId = null, string? SubnetId = null, string? Status = null, string? InstanceId = null, string? Name = null, string? Health = null);
