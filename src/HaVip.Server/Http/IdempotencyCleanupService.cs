using HaVip.Domain;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Http;

/// <summary>
/// Deletes idempotency records past their time to live, on the leader only, a small batch per
/// write so that API writes never wait long behind it.
/// </summary>
internal sealed partial class IdempotencyCleanupService(
    IServiceScopeFactory scopes, ILeadership leadership, WriteGate gate, IOptions<IdempotencyOptions> options, TimeProvider time,
    ILogger<IdempotencyCleanupService> logger) : LeaderPeriodicService(leadership, time)
{
    private readonly IdempotencyOptions _options = options.Value;

    protected override TimeSpan Interval => _options.CleanupInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var deleted = await DeleteExpiredAsync(Time.UtcNow() - _options.TimeToLive, ct);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    private async Task<int> DeleteExpiredAsync(DateTime cutoff, CancellationToken ct)
    {
        var batch = _options.CleanupBatchSize;
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            deleted = await gate.RunAsync(db, c => db.IdempotencyRecords
                .Where(r => r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt).Take(batch)
                .ExecuteDeleteAsync(c), WriteKind.Record, ct);
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
