using HaVip.Contracts.Api;
using HaVip.Domain.Errors;
using HaVip.Server.Services;

namespace HaVip.Server.Api;

public static class HaVipsApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static void MapHaVips(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/havips").WithTags("HAVIPs");
        group.MapPost("/", async (CreateHaVipRequest r, HaVipService havips, CancellationToken ct) =>
        {
            var vip = await havips.CreateAsync(new CreateHaVip(r.Name, r.Type?.ToDomain(), r.SubnetId, r.Remark, r.IpAddress, r.InstanceIds), ct);
            return TypedResults.Created($"/v1/havips/{vip.Id}", vip.ToDto());
        });
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", async (string id, HaVipService havips, CancellationToken ct) => (await havips.GetAsync(id, ct)).ToDto());
        group.MapPatch("/{id}", async (string id, UpdateHaVipRequest r, HaVipService havips, CancellationToken ct) =>
            (await havips.UpdateAsync(id, r.Name, r.Remark, ct)).ToDto());
        group.MapPut("/{id}/instances", async (string id, ReplaceInstancesRequest r, HaVipService havips, CancellationToken ct) =>
            (await havips.ReplaceInstancesAsync(id, r.InstanceIds, ct)).ToDto());
        group.MapPost("/{id}/instances", async (string id, AddInstanceRequest r, HaVipService havips, CancellationToken ct) =>
            (await havips.AddInstanceAsync(id, r.InstanceId, ct)).ToDto());
        group.MapDelete("/{id}/instances/{instanceId}", async (string id, string instanceId, HaVipService havips, CancellationToken ct) =>
            (await havips.RemoveInstanceAsync(id, instanceId, ct)).ToDto());
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/batch-delete", BatchDeleteAsync);
        group.MapGet("/{id}/keepalived", async (string id, string? instanceId, HaVipService havips, CancellationToken ct) =>
            TypedResults.Text(await havips.RenderKeepalivedAsync(id, instanceId, ct), "text/plain; charset=utf-8"));
        group.MapGet("/{id}/events", async (string id, HaVipService havips, CancellationToken ct) =>
            (await havips.EventsAsync(id, ct)).Select(e => e.ToDto()).ToArray());
    }

    private static async Task<Page<HaVipDto>> ListAsync(
        string? vpcId, string? subnetId, string? status, string? instanceId, string? name, int? pageSize, string? pageToken,
        HaVipQueries queries, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        HaVipState? state = null;
        if (status is not null)
        {
            if (Enum.TryParse<HaVipState>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                state = parsed;
            }
            else
            {
                errors.Add(ErrorCode.InvalidParameter, "status must be one of creating, available, failed, deleting.", "status");
            }
        }
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add(ErrorCode.InvalidParameter, $"pageSize must be between 1 and {MaxPageSize}.", "pageSize");
        }
        errors.ThrowIfAny();
        var filter = new HaVipFilter(vpcId, subnetId, state?.ToDomain(), instanceId, name);
        var (items, lastId) = await queries.ListAsync(filter, size, PageToken.Decode(pageToken), ct);
        return new Page<HaVipDto>(items.Select(h => h.ToDto()).ToArray(), lastId is null ? null : PageToken.Encode(lastId));
    }

    /// <summary>204 when the HAVIP is gone, 202 with it while hosts still remove it.</summary>
    private static async Task<IResult> DeleteAsync(string id, HaVipService havips, CancellationToken ct)
    {
        if (await havips.DeleteAsync(id, ct))
        {
            return TypedResults.NoContent();
        }
        return TypedResults.Accepted($"/v1/havips/{id}", (await havips.GetAsync(id, ct)).ToDto());
    }

    /// <summary>Each id on its own: one bad id stops none of the others.</summary>
    private static async Task<IResult> BatchDeleteAsync(BatchDeleteRequest r, HaVipService havips, CancellationToken ct)
    {
        if (r.Ids is null || r.Ids.Count == 0 || r.Ids.Count > MaxPageSize)
        {
            throw new DomainException(ErrorCode.InvalidParameter, $"ids must list 1 to {MaxPageSize} HAVIP ids.", "ids");
        }
        var results = new List<BatchDeleteItem>();
        foreach (var id in r.Ids.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var gone = await havips.DeleteAsync(id, ct);
                results.Add(new BatchDeleteItem(id, true, gone ? null : HaVipState.Deleting));
            }
            catch (DomainException refused)
            {
                results.Add(new BatchDeleteItem(id, false, null, new BatchDeleteError(refused.Code.ToString(), refused.Message)));
            }
        }
        return TypedResults.Ok(new BatchDeleteResponse(results));
    }
}
