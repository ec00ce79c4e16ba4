using HaVip.Domain.HaVips;
using HaVip.Domain.Hosts;
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
public sealed class DeadlineCheck(HaVipDbContext db, WriteGate gate, HaVipChanges changes, HostQueries hosts, RegionHosts region)
{
    /// <summary>Fails or removes every HAVIP whose hosts missed the deadline.</summary>
    public Task<int> EnforceDeadlinesAsync(DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var due = await db.HaVips
                .Where(h => (h.Status == HaVipStatus.Creating || h.Status == HaVipStatus.Deleting) && h.ApplyDeadline <= now)
                .ToListAsync(c);
            var pending = await PendingAsync(due.Where(v => v.Status == HaVipStatus.Creating).SelectMany(v => v.PendingHosts()), c);
            foreach (var vip in due)
            {
                if (vip.CanRemove(changes.Clock))
                {
                    await changes.RemoveAsync(vip, c);
                }
                else
                {
                    changes.RecordStatus(vip.CheckDeadline(changes.Clock, pending));
                }
            }
            return due.Count;
        }, ct);

    /// <summary>
    /// The hosts changes still wait for, each with its state now (ready, stale, unknown), which a
    /// failure names. Null in a region where no agent ever registered: there every host is
    /// unknown, and the reason stays what a server without agents always said.
    /// </summary>
    private async Task<IReadOnlyCollection<PendingHost>?> PendingAsync(IEnumerable<string> pending, CancellationToken ct)
    {
        var names = pending.Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0 || !await region.AnyAsync(db, ct))
        {
            return null;
        }
        var views = await hosts.StatesAsync(names, ct);
        return views.Select(h => new PendingHost(h.Name, h.State, h.Row?.LastSeen)).ToArray();
    }
}
