using HaVip.Domain;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/>, on the leader only, in small batches.</summary>
internal sealed partial class AuditRetentionService(
    IServiceScopeFactory scopes, ILeadership leadership, WriteGate gate, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<AuditRetentionService> logger) : LeaderPeriodicService(leadership, time)
{
    protected override TimeSpan Interval => options.Value.RetentionCheckInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var deleted = await DeleteExpiredAsync(Time.UtcNow() - options.Value.Retention, ct);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    /// <summary>One short transaction per batch: the single SQLite writer is never held for a long backlog.</summary>
    private async Task<int> DeleteExpiredAsync(DateTime cutoff, CancellationToken ct)
    {
        var batchSize = Math.Max(1, options.Value.RetentionBatchSize);
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAllAccountsScope();
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            var deleted = await gate.RunAsync(db, async c =>
            {
                var ids = await db.AuditEntries.Where(e => e.At < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(batchSize).ToListAsync(c);
                return ids.Count == 0 ? 0 : await db.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(c);
            }, WriteKind.Record, ct);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit entries past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired audit entries failed; retrying on the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
