using HaVip.Domain;
using HaVip.Server.Api.Idempotency;
using HaVip.Server.Persistence;
using HaVip.Server.Replication;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Background;

/// <summary>
/// Deletes idempotency records past their time to live, on the leader only, a small batch per
/// write so that API writes never wait long behind it.
/// </summary>
internal sealed partial class IdempotencyCleanupService(
    IServiceScopeFactory scopes, ILeadership leadership, WriteGate gate, IOptions<IdempotencyOptions> options, TimeProvider time,
    ILogger<IdempotencyCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                var deleted = await DeleteExpiredAsync(time.UtcNow() - options.Value.TimeToLive, stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task<int> DeleteExpiredAsync(DateTime cutoff, CancellationToken ct)
    {
        var batch = options.Value.CleanupBatchSize;
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            deleted = await gate.RunAsync(db, c => db.IdempotencyRecords
                .Where(r => r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt).Take(batch)
                .ExecuteDeleteAsync(c), WritePriority.Record, ct);
            total += deleted;
        }
        while (deleted == batch);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency record(s)")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency records failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
