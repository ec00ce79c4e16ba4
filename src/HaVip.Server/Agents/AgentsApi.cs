using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using HaVip.Server.Persistence;

namespace HaVip.Server.Agents;

/// <summary>
/// The host agents' API, apart from the tenant API: agents pull desired state (long-poll) and
/// push observations (acks, holders, spoof attempts). The server never calls a host.
/// </summary>
public static class AgentsApi
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    public static void MapAgents(this IEndpointRouteBuilder routes)
    {
        // Agent keys only, and each for its own host: a host can neither read another's state nor report for it.
        var group = routes.MapGroup("/agent/v1").WithTags("Agents").RequireAuthorization(Policies.Agent).AddEndpointFilter(OwnHostOnly);
        group.MapPut("/hosts/{host}", async (string host, RegisterHostRequest request, AgentService agents, HttpContext context, CancellationToken ct) =>
        {
            if (!IPAddress.TryParse(request.UnderlayIp, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "underlayIp must be an IPv4 address.", "underlayIp");
            }
            await agents.RegisterAsync(host, ip.ToString(), ct);
            return Results.NoContent();
        });
        group.MapGet("/hosts/{host}/desired-state", GetDesiredStateAsync);
        group.MapPost("/hosts/{host}/applied", async (string host, AppliedReport report, ReportBatcher reports, CancellationToken ct) =>
        {
            await reports.AppliedAsync(new HostApplied(host, report.Sequence, report.Errors ?? new Dictionary<string, string>()), ct);
            return Results.NoContent();
        });
        group.MapPost("/holders", async (HolderReport report, ReportBatcher reports, AgentService agents, HttpContext context, CancellationToken ct) =>
        {
            if (report.HaVipId is null || report.InstanceId is null)
            {
                return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "haVipId and instanceId are required.");
            }
            if (!await agents.RunsOnCallerHostAsync(report.InstanceId, context.Caller(), ct))
            {
                return NotThisHost(context, report.InstanceId);
            }
            await reports.HolderAsync(new HolderSeen(report.HaVipId, report.InstanceId, report.SeenAt.ToUniversalTime()), ct);
            return Results.NoContent();
        });
        group.MapPost("/spoof-attempts", async (SpoofReport report, AgentService agents, HttpContext context, CancellationToken ct) =>
        {
            if (report.HaVipId is null || report.InstanceId is null)
            {
                return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "haVipId and instanceId are required.");
            }
            if (!await agents.RunsOnCallerHostAsync(report.InstanceId, context.Caller(), ct))
            {
                return NotThisHost(context, report.InstanceId);
            }
            await agents.SpoofAsync(report.HaVipId, report.InstanceId, report.MacAddress ?? "?", report.Count, report.SeenAt.ToUniversalTime(), ct);
            return Results.NoContent();
        });
    }

    private static async ValueTask<object?> OwnHostOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.Request.RouteValues.TryGetValue("host", out var host) && host is string name && name != context.Caller().Host)
        {
            return ProblemWriter.Result(context, ErrorCode.Forbidden, $"This agent key reports for host {context.Caller().Host}, not {name}.");
        }
        return await next(invocation);
    }

    private static IResult NotThisHost(HttpContext context, string instanceId) =>
        ProblemWriter.Result(context, ErrorCode.Forbidden, $"Instance {instanceId} does not run on host {context.Caller().Host}; an agent reports only for its own host's instances.");

    /// <summary>Answers at once when the state is newer than <paramref name="after"/>; otherwise when it changes or <paramref name="wait"/> passes.</summary>
    private static async Task<IResult> GetDesiredStateAsync(string host, long? after, double? wait, DesiredStateQuery query,
        ChangeSignal signal, HostRegistry registry, IHostApplicationLifetime lifetime, HttpContext context, CancellationToken ct)
    {
        if (!registry.IsRegistered(host))
        {
            return ProblemWriter.Result(context, ErrorCode.NotFound, $"host {host} is not registered; PUT /agent/v1/hosts/{host} first.");
        }
        var timeout = TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWait.TotalSeconds));
        // A stopping server answers its long-polls at once instead of holding shutdown for them.
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        expiry.CancelAfter(timeout);
        while (true)
        {
            var changed = signal.Next;
            var sequence = await query.SequenceAsync(ct);
            if (after is null || sequence > after || expiry.IsCancellationRequested)
            {
                return Results.Ok(await query.BuildAsync(host, sequence, ct));
            }
            try
            {
                // The signal only hears this process's commits; re-reading the sequence every
                // RecheckInterval also catches changes another replica committed.
                await changed.WaitAsync(RecheckInterval, expiry.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The wait ran out: answer with the unchanged state so the agent polls again.
            }
        }
    }
}
