using System.Linq.Expressions;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Writes a batch of reports in one transaction, in arrival order, with the same effect as
/// writing them one by one: every HAVIP is read once per batch and each report goes through the
/// aggregate as before, so a repeated report (a retry through another replica) changes nothing.
/// </summary>
public sealed class ReportWriter(HaVipDbContext db, WriteGate gate, HaVipChanges changes, HaVipArbitration arbitration)
{
    public Task HoldersAsync(IReadOnlyList<HolderSeen> reports, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var ids = reports.Select(r => r.HaVipId).Distinct(StringComparer.Ordinal).ToArray();
            // The holder decision needs the bindings only; the per-host apply rows stay unread.
            var vips = await db.HaVips.IgnoreAutoIncludes().Include(h => h.Bindings)
                .Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, StringComparer.Ordinal, c);
            foreach (var report in reports)
            {
                if (vips.TryGetValue(report.HaVipId, out var vip))
                {
                    changes.Record(vip.TakeHolder(report.InstanceId, report.ClaimedAt, changes.Now));
                }
            }
            return true;
        }, WriteKind.Holder, ct);

    /// <summary>
    /// Upserts the latest observation per (instance, VRID); an older report than the stored one
    /// changes nothing. In the same write, the HAVIPs of these instances are decided again, and
    /// those whose adverts the hosts must now time otherwise (<see cref="HaVipTiming"/>) are changed.
    /// </summary>
    public Task VrrpAsync(IReadOnlyList<VrrpSeen> reports, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var ids = reports.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToArray();
            var rows = await db.Vrrp.Where(o => ids.Contains(o.InstanceId)).ToDictionaryAsync(o => (o.InstanceId, o.VirtualRouterId), c);
            // Each observation as the hosts' timing read it before this batch (none for a new one).
            var intervalsBefore = rows.ToDictionary(r => r.Key, r => (SeenInterval?)new SeenInterval(r.Value.Advertising, r.Value.AdvertIntervalMilliseconds, r.Value.LastAdvertAt));
            foreach (var report in reports)
            {
                if (!rows.TryGetValue((report.InstanceId, report.VirtualRouterId), out var row))
                {
                    row = new InstanceVrrp { InstanceId = report.InstanceId, VirtualRouterId = report.VirtualRouterId };
                    rows[(report.InstanceId, report.VirtualRouterId)] = row;
                    intervalsBefore[(report.InstanceId, report.VirtualRouterId)] = null;
                    db.Vrrp.Add(row);
                }
                row.Observe(report.Advert);
            }
            await db.MarkSubnetsOfAsync(ids, changes.Now, c);
            await arbitration.DecideAsync(ids, rows, intervalsBefore, c);
            return true;
        }, WriteKind.Holder, ct);

    /// <summary>
    /// Loads only the HAVIPs an ack can change: a row of one of the batch's hosts that waits for a
    /// change up to the batch's newest number, that carries an error, or whose HAVIP the ack fails;
    /// with their apply rows, not their bindings. The aggregate decides per report (<see cref="HighAvailabilityVip.MarkApplied"/>).
    /// </summary>
    public Task AppliedAsync(IReadOnlyList<HostApplied> reports, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var hosts = reports.Select(r => r.Host).Distinct(StringComparer.Ordinal).ToArray();
            var newest = reports.Max(r => r.Sequence);
            var failed = reports.SelectMany(r => r.Errors.Keys).Distinct(StringComparer.Ordinal).ToArray();
            var settleable = db.HostApplies.Where(Settleable(hosts, newest)).Select(a => a.HaVipId);
            // An ack decides by the apply rows alone; the bindings stay unread (one query of three less per batch).
            var vips = await db.HaVips.IgnoreAutoIncludes().Include(h => h.Hosts)
                .Where(h => failed.Contains(h.Id) || settleable.Contains(h.Id)).ToListAsync(c);
            var byHost = vips.SelectMany(v => v.Hosts.Select(a => (a.Host, Vip: v))).ToLookup(p => p.Host, p => p.Vip, StringComparer.Ordinal);
            foreach (var report in reports)
            {
                foreach (var vip in byHost[report.Host])
                {
                    changes.Record(vip.MarkApplied(report.Host, report.Sequence, report.Errors.GetValueOrDefault(vip.Id), changes.Clock));
                }
            }
            foreach (var vip in vips.Where(v => v.CanRemove(changes.Clock)))
            {
                await changes.RemoveAsync(vip, c);
            }
            return true;
        }, WriteKind.Acknowledgement, ct);

    /// <summary>
    /// Whether <see cref="AppliedAsync"/> could change anything for this ack, read outside the
    /// write: false when it fails no HAVIP and no row of its host waits for a change up to its
    /// number or carries an error. Such an ack (a re-synced agent's, one whose number only moved
    /// past other hosts' changes) needs no write. A row that appears after this read requires a
    /// newer state than the one acknowledged, or wakes the host, whose next ack settles it.
    /// </summary>
    public async Task<bool> SettlesAnythingAsync(HostApplied report, CancellationToken ct) =>
        report.Errors.Count > 0 || await db.HostApplies.AnyAsync(Settleable([report.Host], report.Sequence), ct);

    /// <summary>A row of one of <paramref name="hosts"/> that an ack up to <paramref name="newest"/> can settle, or that carries an error to clear.</summary>
    private static Expression<Func<HostApply, bool>> Settleable(string[] hosts, long newest) =>
        a => hosts.Contains(a.Host) && ((a.AppliedGeneration < a.RequiredGeneration && a.RequiredGeneration <= newest) || a.Error != null);
}
