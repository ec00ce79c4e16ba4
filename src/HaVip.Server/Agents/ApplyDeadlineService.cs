using HaVip.Domain;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>
/// Fails HAVIPs whose hosts did not apply a change in time, finishes overdue deletes, and writes
/// "stale" into the history of hosts whose agents fell silent: the leader's one round over what
/// silence means.
/// </summary>
internal sealed partial class ApplyDeadlineService(
    IServiceScopeFactory scopes, ILeadership leadership, IOptions<ServerOptions> options, TimeProvider time, ILogger<ApplyDeadlineService> logger)
    : LeaderPeriodicService(leadership, time)
{
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAllAccountsScope();
        var now = Time.UtcNow();
        foreach (var host in await scope.ServiceProvider.GetRequiredService<HostLivenessWriter>().NoteStaleAsync(now, ct))
        {
            LogStale(logger, host);
        }
        var count = await scope.ServiceProvider.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(now, ct);
        if (count > 0)
        {
            LogEnforced(logger, count);
        }
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Apply deadline passed for {Count} HAVIP(s)")]
    private static partial void LogEnforced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} is stale: its agent stopped reporting")]
    private static partial void LogStale(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking apply deadlines failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
