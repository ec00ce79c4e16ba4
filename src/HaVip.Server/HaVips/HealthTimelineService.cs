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
    private readonly RoundBudget _budget = new();

    protected override TimeSpan Interval => options.Value.HealthCheckInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        // One batch per tick, sized to hold the write path briefly (RoundBudget): a backlog
        // drains over several ticks and requests' writes never wait long behind it.
        await using var scope = scopes.CreateAllAccountsScope();
        var round = await scope.ServiceProvider.GetRequiredService<HealthRecorder>().RecordDueAsync(Time.UtcNow(), _budget.Next, ct);
        _budget.Observe(round.Evaluated, round.Held);
        if (round.Transitions > 0)
        {
            LogRecorded(logger, round.Transitions);
        }
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded {Count} health finding start(s) and end(s)")]
    private static partial void LogRecorded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording health findings failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
