using HaVip.Domain.HaVips;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// The reporting side of the lifecycle: a host acknowledges the change sequence it applied
/// (with per-HAVIP errors), and tells which bound instance claimed a VIP. Idempotent: a
/// repeated report changes nothing. Reports go through <see cref="ReportBatcher"/>: batched,
/// and ahead of API writes.
/// </summary>
public sealed class HostReportService(HaVipDbContext db, WriteGate gate, HaVipChanges changes, ReportBatcher reports)
{
    public Task AppliedAsync(string host, long appliedSequence, IReadOnlyDictionary<string, string> errors, CancellationToken ct) =>
        reports.AppliedAsync(new HostApplied(host, appliedSequence, errors), ct);

    /// <summary>A claim placed at <paramref name="claimedAt"/> on the server's clock.</summary>
    public Task HolderAsync(string haVipId, string instanceId, DateTime claimedAt, CancellationToken ct) =>
        reports.HolderAsync(new HolderSeen(haVipId, instanceId, claimedAt), ct);

    /// <summary>Fails or removes every HAVIP whose hosts missed the deadline.</summary>
    public Task<int> EnforceDeadlinesAsync(DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var due = await db.HaVips
                .Where(h => (h.Status == HaVipStatus.Creating || h.Status == HaVipStatus.Deleting) && h.ApplyDeadline <= now)
                .ToListAsync(c);
            foreach (var vip in due)
            {
                if (vip.CanRemove(changes.Clock))
                {
                    await changes.RemoveAsync(vip, c);
                }
                else
                {
                    changes.Record(vip.CheckDeadline(changes.Clock));
                }
            }
            return due.Count;
        }, ct);
}
