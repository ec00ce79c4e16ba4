using HaVip.Contracts.Api;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using DomainHostState = HaVip.Domain.Hosts.HostState;

namespace HaVip.Server.Agents;

/// <summary>The fleet, for operators: admin keys only (a tenant's key is 403 Forbidden).</summary>
public static class HostsApi
{
    public static void MapHosts(this IEndpointRouteBuilder routes)
    {
        var hosts = routes.MapGroup("/v1/hosts").WithTags("Hosts").RequireAuthorization(Policies.Admin);
        hosts.MapGet("/", async (string? state, int? pageSize, string? pageToken, HostQueries queries, CancellationToken ct) =>
        {
            var (items, next) = await queries.ListAsync(ParseState(state), Paging.Parse(pageSize, pageToken), ct);
            return new Page<HostDto>(items.Select(h => h.ToDto()).ToArray(), next);
        });
        hosts.MapGet("/{name}", async (string name, HostQueries queries, CancellationToken ct) =>
        {
            var (host, events) = await queries.GetAsync(name, ct);
            return host.ToDto() with { Events = events.Select(e => new HostEventDto(e.At, e.Kind, e.Message)).ToArray() };
        });
        hosts.MapDelete("/{name}", async (string name, HostDirectory directory, CancellationToken ct) =>
        {
            await directory.RemoveAsync(name, ct);
            return Results.NoContent();
        });
    }

    private static DomainHostState? ParseState(string? state)
    {
        if (state is null)
        {
            return null;
        }
        // Names only: Enum.TryParse would also take "1".
        if (!Enum.TryParse<DomainHostState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
        {
            throw new DomainException(ErrorCode.InvalidParameter, "state must be one of ready, stale, unknown.", "state");
        }
        return parsed;
    }

    public static HostDto ToDto(this HostView host) => new(host.Name, (HostState)host.State, host.Row?.UnderlayIp, host.Row?.AgentVersion,
        host.Row?.FirstSeen, host.Row?.LastSeen, host.StaleSince, host.Instances);
}
