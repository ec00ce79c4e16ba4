using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Deletes change scopes older than twice <see cref="DesiredStateFeed.History"/> changes, on the
/// leader only, a batch per write: a replica starting reads back only <see cref="DesiredStateFeed.History"/>
/// changes, and a host further behind gets a complete state, so older scopes serve nobody.
/// </summary>
internal sealed partial class ChangeScopeCleanupService(
    IServiceScopeFactory scopes, ILeadership leadership, WriteGate gate, TimeProvider time, ILogger<ChangeScopeCleanupService> logger)
    : LeaderPeriodicService(leadership, time)
{
    private const int BatchSize = 5_000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            var latest = await db.LatestChangeAsync(ct);
            var cutoff = latest - 2L * DesiredStateFeed.History;
            deleted = await gate.RunAsync(db, c => db.ChangeScopes
                .Where(r => r.Sequence < cutoff).OrderBy(r => r.Sequence).Take(BatchSize)
                .ExecuteDeleteAsync(c), WriteKind.Record, ct);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted);
            }
        }
        while (deleted == BatchSize);
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} old change scope(s)")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old change scopes failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
