using HaVip.Domain.Accounts;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Access;

/// <summary>Stores recorded changes in batches, and with them when keys were last used.</summary>
internal sealed partial class AuditWriter(AuditLog log, KeyStore keys, IServiceScopeFactory scopes, WriteGate gate, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        while (await log.Pending.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && log.Pending.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            await StoreAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was recorded before shutdown is still stored.
        var rest = new List<AuditEntry>();
        while (log.Pending.TryRead(out var entry))
        {
            rest.Add(entry);
        }
        if (rest.Count > 0)
        {
            await StoreAsync(rest, cancellationToken);
        }
    }

    private async Task StoreAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAllAccountsScope();
                var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
                var usage = keys.TakeUsage();
                await gate.RunAsync(db, async c =>
                {
                    db.AuditEntries.AddRange(batch);
                    await StoreUsageAsync(db, usage, c);
                    return true;
                }, WriteKind.Record, ct);
                log.Stored(batch.Count);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting: the entries wait, they are not dropped. Nor does
                // the writer give up: requests wait on its bounded queue, so it must outlast the outage.
                LogRetrying(logger, batch.Count, e.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static async Task StoreUsageAsync(HaVipDbContext db, IReadOnlyList<(string KeyId, DateTime At)> usage, CancellationToken ct)
    {
        if (usage.Count == 0)
        {
            return;
        }
        var ids = usage.Select(u => u.KeyId).ToArray();
        var stored = await db.ApiKeys.Where(k => ids.Contains(k.Id)).ToListAsync(ct);
        foreach (var key in stored)
        {
            key.RecordUse(usage.First(u => u.KeyId == key.Id).At);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} audit entries failed ({Reason}); retrying")]
    private static partial void LogRetrying(ILogger logger, int count, string reason);
}
