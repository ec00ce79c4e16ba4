using HaVip.Domain.HaVips;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// The hosts' silence as the lifecycle sees it: a HAVIP whose hosts did not acknowledge its
/// change by the deadline fails (or, being deleted, goes). What hosts do report (acks, holders)
/// goes through <see cref="ReportBatcher"/> to <see cref="ReportWriter"/>.
/// </summary>
public sealed class DeadlineCheck(HaVipDbContext db, WriteGate gate, HaVipChanges changes)
{
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
