using HaVip.Contracts.Api;
using HaVip.Domain.Errors;
using HaVip.Domain.Health;
using HaVip.Server.Access;
using HaVip.Server.Http;

namespace HaVip.Server.HaVips;

public static class HaVipsApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Ids are about 20 characters; anything much longer is not an id.</summary>
    public const int MaxIdLength = 64;

    public static void MapHaVips(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/havips").WithTags("HAVIPs");
        group.MapPost("/", async (CreateHaVipRequest r, HttpContext http, HaVipService havips, CancellationToken ct) =>
        {
            var vip = await havips.CreateAsync(new CreateHaVip(r.Name, r.Type?.ToDomain(), r.SubnetId, r.Remark, r.IpAddress, r.InstanceIds, r.IpVersion?.ToDomain()), ct);
            return TypedResults.Created($"/v1/havips/{vip.Id}", http.Tagged(vip));
        });
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", async (string id, HttpContext http, HaVipReads reads, HaVipHealth health, CancellationToken ct) =>
        {
            var (vip, adverts) = await reads.ReadAsync(id, ct);
            http.Response.Headers.ETag = ETags.Of(vip.Version);
            return await health.WithClusterAsync(vip, adverts, vip.ToDto(), ct);
        });
        group.MapPatch("/{id}", async (string id, UpdateHaVipRequest r, HttpContext http, HaVipService havips, CancellationToken ct) =>
            http.Tagged(await havips.UpdateAsync(http.Target(id), r.Name, r.Remark, ct)));
        group.MapPut("/{id}/instances", async (string id, ReplaceInstancesRequest r, HttpContext http, HaVipService havips, CancellationToken ct) =>
            http.Tagged(await havips.ReplaceInstancesAsync(http.Target(id), r.InstanceIds, ct)));
        group.MapPost("/{id}/instances", async (string id, AddInstanceRequest r, HttpContext http, HaVipService havips, CancellationToken ct) =>
            http.Tagged(await havips.AddInstanceAsync(http.Target(id), r.InstanceId, ct)));
        group.MapDelete("/{id}/instances/{instanceId}", async (string id, string instanceId, HttpContext http, HaVipService havips, CancellationToken ct) =>
            http.Tagged(await havips.RemoveInstanceAsync(http.Target(id), instanceId, ct)));
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/batch-delete", BatchDeleteAsync);
        group.MapGet("/{id}/keepalived", async (string id, string? instanceId, HaVipService havips, CancellationToken ct) =>
            TypedResults.Text(await havips.RenderKeepalivedAsync(id, instanceId, ct), "text/plain; charset=utf-8"));
        group.MapGet("/{id}/events", async (string id, HaVipService havips, CancellationToken ct) =>
            (await havips.EventsAsync(id, ct)).Select(e => e.ToDto()).ToArray());
    }

    private static async Task<Page<HaVipDto>> ListAsync(
        string? vpcId, string? subnetId, string? status, string? instanceId, string? name, int? pageSize, string? pageToken,
        string? health, HaVipQueries queries, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        var healthFilter = ParseHealth(health, errors);
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
        var filter = new HaVipFilter(vpcId, subnetId, state?.ToDomain(), instanceId, name, healthFilter);
        var (items, lastId) = await queries.ListAsync(filter, size, PageToken.Decode(pageToken), ct);
        return new Page<HaVipDto>(items.Select(h => h.ToDto()).ToArray(), lastId is null ? null : PageToken.Encode(lastId));
    }

    /// <summary><c>ok</c>, or a finding's name (<see cref="FindingNames"/>); null when not asked.</summary>
    private static HealthFilter? ParseHealth(string? health, ErrorCollector errors)
    {
        if (health is null)
        {
            return null;
        }
        if (string.Equals(health, FindingNames.Ok, StringComparison.OrdinalIgnoreCase))
        {
            return new HealthFilter(null);
        }
        if (FindingNames.TryParse(health, out var code))
        {
            return new HealthFilter(code);
        }
        errors.Add(ErrorCode.InvalidParameter, $"health must be {FindingNames.Ok} or one of {string.Join(", ", FindingNames.All)}.", "health");
        return null;
    }

    /// <summary>204 when the HAVIP is gone, 202 with it while hosts still remove it.</summary>
    private static async Task<IResult> DeleteAsync(string id, HttpContext http, HaVipService havips, CancellationToken ct)
    {
        var deleting = await havips.DeletingAsync(http.Target(id), ct);
        return deleting is null ? TypedResults.NoContent() : TypedResults.Accepted($"/v1/havips/{id}", http.Tagged(deleting));
    }

    /// <summary>Each id on its own: one bad id stops none of the others.</summary>
    private static async Task<IResult> BatchDeleteAsync(BatchDeleteRequest r, HaVipService havips, CancellationToken ct)
    {
        if (r.Ids is null || r.Ids.Count == 0 || r.Ids.Count > MaxPageSize)
        {
            throw new DomainException(ErrorCode.InvalidParameter, $"ids must list 1 to {MaxPageSize} HAVIP ids.", "ids");
        }
        // Each id is echoed in its result: an unbounded one would make the answer (and its stored replay) as large as the caller likes.
        var invalid = r.Ids.Select((id, i) => (id, i))
            .Where(p => p.id is null || p.id.Length > MaxIdLength)
            .Select(p => p.id is null
                ? new DomainError(ErrorCode.InvalidParameter, $"ids[{p.i}] must be a HAVIP id, not null.", $"ids[{p.i}]")
                : new DomainError(ErrorCode.InvalidParameter, $"each id in ids must be at most {MaxIdLength} characters.", "ids"))
            .ToArray();
        if (invalid.Length > 0)
        {
            throw new DomainException(invalid);
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
