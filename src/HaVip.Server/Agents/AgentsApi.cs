using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Server.Http;

namespace HaVip.Server.Agents;

/// <summary>
/// The host agents' API, apart from the tenant API: agents pull desired state (long-poll) and
/// push observations (acks, holders, spoof attempts, VRRP adverts, repairs of kernel drift). The server never calls a host.
/// </summary>
public static class AgentsApi
{
    public static void MapAgents(this IEndpointRouteBuilder routes)
    {
        // Agent keys only, and each for its own host: a host can neither read another's state nor report for it.
        var group = routes.MapGroup("/agent/v1").WithTags("Agents").RequireAuthorization(Policies.Agent).AddEndpointFilter(OwnHostOnly);
        group.MapPut("/hosts/{host}", async (string host, RegisterHostRequest request, HostDirectory hosts, HttpContext context, CancellationToken ct) =>
        {
            if (!IPAddress.TryParse(request.UnderlayIp, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "underlayIp must be an IPv4 address.", "underlayIp");
            }
            if (request.AgentVersion is { Length: > 64 })
            {
                return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "agentVersion must be at most 64 characters.", "agentVersion");
            }
            await hosts.RegisterAsync(host, ip.ToString(), request.AgentVersion, ct);
            return Results.NoContent();
        });
        group.MapGet("/hosts/{host}/desired-state", DesiredStateEndpoint.GetAsync);
        group.MapPost("/hosts/{host}/applied", async (string host, AppliedReport report, ReportBatcher reports, HttpContext context, CancellationToken ct) =>
        {
            if (await reports.AppliedAsync(new HostApplied(host, report.Sequence, report.Errors ?? new Dictionary<string, string>()), ct) is { } wait)
            {
                RetryAfter.Set(context, wait);
                return ProblemWriter.Result(context, ErrorCode.Unavailable,
                    "this server's acknowledgements queue is longer than it can write in time; send the ack again after the Retry-After header's seconds.");
            }
            return Results.NoContent();
        });
        group.MapPost("/hosts/{host}/repairs", async (string host, RepairReport report, HostDirectory hosts, HostRepairs repairs, TimeProvider time, HttpContext context, CancellationToken ct) =>
        {
            var what = HostReportRules.CheckRepair(report.What);
            if (!await hosts.RepairedAsync(host, what, time.GetUtcNow().UtcDateTime, ct))
            {
                return ProblemWriter.Result(context, ErrorCode.NotFound, $"host {host} is not registered; PUT /agent/v1/hosts/{host} first.");
            }
            repairs.Count(host, what);
            return Results.NoContent();
        });
        group.MapPost("/holders", async (HolderReport report, ReportBatcher reports, AgentService agents, TimeProvider time, HttpContext context, CancellationToken ct) =>
        {
            // Taken before anything can queue: the claim's place in time is when it arrived.
            var receivedAt = time.GetUtcNow().UtcDateTime;
            HostReportRules.CheckHolder(report.HaVipId, report.InstanceId, report.AgeMilliseconds);
            if (!await agents.RunsOnCallerHostAsync(report.InstanceId!, context.Caller(), ct))
            {
                return NotThisHost(context, report.InstanceId!);
            }
            var claimedAt = HostReportRules.ClaimedAt(receivedAt, report.AgeMilliseconds);
            await reports.HolderAsync(new HolderSeen(report.HaVipId!, report.InstanceId!, claimedAt), ct);
            return Results.NoContent();
        });
        group.MapPost("/spoof-attempts", async (SpoofReport report, AgentService agents, TimeProvider time, HttpContext context, CancellationToken ct) =>
        {
            var receivedAt = time.GetUtcNow().UtcDateTime;
            var mac = HostReportRules.CheckSpoof(report.HaVipId, report.InstanceId, report.MacAddress, report.Count);
            if (!await agents.RunsOnCallerHostAsync(report.InstanceId!, context.Caller(), ct))
            {
                return NotThisHost(context, report.InstanceId!);
            }
            await agents.SpoofAsync(new SpoofSeen(report.HaVipId!, report.InstanceId!, mac, report.Count, receivedAt), context.Caller().Host!, ct);
            return Results.NoContent();
        });
        MapVrrp(group);
    }

    private static void MapVrrp(RouteGroupBuilder group) =>
        group.MapPost("/vrrp-adverts", async (VrrpReport r, ReportBatcher reports, AgentService agents, TimeProvider time, HttpContext context, CancellationToken ct) =>
        {
            var receivedAt = time.GetUtcNow().UtcDateTime;
            var seen = VrrpReportRules.Check(new VrrpReportRules.Report(r.InstanceId, r.VirtualRouterId, r.Advertising, r.Version, r.Priority,
                r.AdvertIntervalMilliseconds, r.AuthType, r.Addresses, r.MasterDownIntervalMicroseconds, r.AgeMilliseconds), receivedAt);
            if (!await agents.RunsOnCallerHostAsync(r.InstanceId!, context.Caller(), ct))
            {
                return NotThisHost(context, r.InstanceId!);
            }
            await reports.VrrpAsync(new VrrpSeen(r.InstanceId!, r.VirtualRouterId, seen), ct);
            return Results.NoContent();
        });

    private static async ValueTask<object?> OwnHostOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.Request.RouteValues.TryGetValue("host", out var host) && host is string name && name != context.Caller().Host)
        {
            return ProblemWriter.Result(context, ErrorCode.Forbidden, $"This agent key reports for host {context.Caller().Host}, not {name}.");
        }
        // Any request of a host's own agent is a sign of life (long-polls also count while they wait); its write is not waited for.
        context.RequestServices.GetRequiredService<HostSightings>().Seen(context.Caller().Host!);
        return await next(invocation);
    }

    private static IResult NotThisHost(HttpContext context, string instanceId) =>
        ProblemWriter.Result(context, ErrorCode.Forbidden, $"Instance {instanceId} does not run on host {context.Caller().Host}; an agent reports only for its own host's instances.");
}
