using HaVip.Domain;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.Extensions.Options;

namespace HaVip.Server.HaVips;

/// <summary>
/// The leader writes health findings' starts and ends into HAVIPs' timelines (<see cref="HealthRecorder"/>):
/// a finding can start with no write at all (NoMaster when time passes), so someone must look at
/// the moment it does. Each round reads only the HAVIPs due by then, through an index.
/// </summary>
internal sealed partial class HealthTimelineService(
    IServiceScopeFactory scopes, ILeadership leadership, IOptions<ServerOptions> options, TimeProvider time, ILogger<HealthTimelineService> logger)
    : LeaderPeriodicService(leadership, time)
{
    protected override TimeSpan Interval => options.Value.HealthCheckInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        // One batch per tick: a backlog (the migration makes every HAVIP due once) drains at
        // BatchSize per interval and never holds the write queue long.
        await using var scope = scopes.CreateAllAccountsScope();
        var written = await scope.ServiceProvider.GetRequiredService<HealthRecorder>().RecordDueAsync(Time.UtcNow(), ct);
        if (written > 0)
        {
            LogRecorded(logger, written);
        }
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded {Count} health finding start(s) and end(s)")]
    private static partial void LogRecorded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording health findings failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
