using HaVip.Domain.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Services;

/// <summary>
/// The reporting side of the lifecycle: a host acknowledges the change sequence it applied
/// (with per-HAVIP errors), and tells which bound instance claimed a VIP. Idempotent: a
/// repeated report changes nothing.
/// </summary>
public sealed class HostReportService(HaVipDbContext db, WriteGate gate, HaVipChanges changes)
{
    public Task AppliedAsync(string host, long appliedSequence, IReadOnlyDictionary<string, string> errors, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vips = await db.HaVips.Where(h => h.Hosts.Any(a => a.Host == host && (a.AppliedGeneration < appliedSequence || a.Error != null))).ToListAsync(c);
            foreach (var vip in vips)
            {
                changes.Record(changes.Lifecycle.HostReported(vip, host, appliedSequence, errors.GetValueOrDefault(vip.Id)));
                if (changes.Lifecycle.CanRemove(vip))
                {
                    await changes.RemoveAsync(vip, c);
                }
            }
            return true;
        }, ct);

    public Task HolderAsync(string haVipId, string instanceId, DateTime seenAt, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vip = await db.HaVips.FirstOrDefaultAsync(h => h.Id == haVipId, c);
            if (vip is not null)
            {
                changes.Record(changes.Lifecycle.HolderObserved(vip, instanceId, seenAt));
            }
            return true;
        }, ct);

    /// <summary>Fails or removes every HAVIP whose hosts missed the deadline.</summary>
    public Task<int> EnforceDeadlinesAsync(DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var due = await db.HaVips
                .Where(h => (h.Status == HaVipStatus.Creating || h.Status == HaVipStatus.Deleting) && h.ApplyDeadline <= now)
                .ToListAsync(c);
            foreach (var vip in due)
            {
                if (changes.Lifecycle.CanRemove(vip))
                {
                    await changes.RemoveAsync(vip, c);
                }
                else
                {
                    changes.Record(changes.Lifecycle.CheckDeadline(vip));
                }
            }
            return due.Count;
        }, ct);
}
