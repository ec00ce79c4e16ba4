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
    /// with their apply rows, not their bindings. The aggregate decides per report
    /// (<see cref="HighAvailabilityVip.MarkApplied"/>), in memory and untracked; what it decided is
    /// written set-based (<see cref="SettledWrites"/>): a host's first ack settles a thousand
    /// HAVIPs in a few statements, not three a HAVIP, and no change tracker holds them. A HAVIP
    /// being deleted or failed by the ack goes through the tracked aggregate as before (it may be
    /// removed, its rows take an error): there are few.
    /// </summary>
    public Task AppliedAsync(IReadOnlyList<HostApplied> reports, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var hosts = reports.Select(r => r.Host).Distinct(StringComparer.Ordinal).ToArray();
            var newest = reports.Max(r => r.Sequence);
            var failed = reports.SelectMany(r => r.Errors.Keys).ToHashSet(StringComparer.Ordinal);
            var failedIds = failed.ToArray();
            var settleable = db.HostApplies.Where(Settleable(hosts, newest)).Select(a => a.HaVipId);
            // An ack decides by the apply rows alone; the bindings stay unread (one query of three less per batch).
            var vips = await db.HaVips.AsNoTracking().IgnoreAutoIncludes().Include(h => h.Hosts)
                .Where(h => failedIds.Contains(h.Id) || settleable.Contains(h.Id)).ToListAsync(c);
            var tracked = vips.Where(v => v.Status == HaVipStatus.Deleting || failed.Contains(v.Id)).ToList();
            string[] trackedIds = [.. tracked.Select(v => v.Id)];
            foreach (var vip in tracked)
            {
                db.HaVips.Attach(vip);
            }
            // One clock reading for the batch: the HAVIPs one report settles share their event, and it is one insert.
            var clock = changes.Clock with { Time = new FixedTime(changes.Clock.Time.GetUtcNow()) };
            var settled = new SettledWrites(clock.Now);
            var byHost = vips.SelectMany(v => v.Hosts.Select(a => (a.Host, Vip: v))).ToLookup(p => p.Host, p => p.Vip, StringComparer.Ordinal);
            foreach (var report in reports)
            {
                foreach (var vip in byHost[report.Host])
                {
                    var events = vip.MarkApplied(report.Host, report.Sequence, report.Errors.GetValueOrDefault(vip.Id), clock);
                    if (trackedIds.Contains(vip.Id))
                    {
                        changes.Record(events);
                    }
                    else
                    {
                        settled.Add(vip, events);
                    }
                }
            }
            foreach (var (ackers, sequence) in AckRounds(reports, hosts.Length))
            {
                await AcknowledgeRowsAsync(ackers, sequence, trackedIds, c);
            }
            await settled.WriteAsync(db, c);
            foreach (var vip in tracked.Where(v => v.CanRemove(clock)))
            {
                await changes.RemoveAsync(vip, c);
            }
            return true;
        }, WriteKind.Acknowledgement, ct);

    /// <summary>
    /// The row updates of a batch's acks: one per number, for every host acknowledging it (ten hosts
    /// acking one change: one statement, not ten). A batch from the lane names each host once (it
    /// coalesces acks per host), so the updates touch rows apart and their order does not matter;
    /// a batch naming a host twice is written report by report, in its order, as before.
    /// </summary>
    private static IEnumerable<(string[] Hosts, long Sequence)> AckRounds(IReadOnlyList<HostApplied> reports, int distinctHosts) =>
        distinctHosts == reports.Count
            ? reports.GroupBy(r => r.Sequence).Select(g => (g.Select(r => r.Host).ToArray(), g.Key))
            : reports.Select(r => (new[] { r.Host }, r.Sequence));

    /// <summary>
    /// <see cref="HostApply"/>'s acknowledgement of an error-free "applied up to N" as one update of
    /// these hosts' rows: a row that requires a change up to N and waits for it or carries an error
    /// takes N (or keeps a newer number) and loses the error; any other row is left as it is.
    /// The rows of <paramref name="tracked"/> HAVIPs are the change tracker's to write.
    /// </summary>
    private Task AcknowledgeRowsAsync(string[] hosts, long sequence, string[] tracked, CancellationToken ct) =>
        db.HostApplies
            .Where(a => hosts.Contains(a.Host) && a.RequiredGeneration <= sequence && (a.AppliedGeneration < a.RequiredGeneration || a.Error != null) && !tracked.Contains(a.HaVipId))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.AppliedGeneration, a => a.AppliedGeneration > sequence ? a.AppliedGeneration : sequence)
                .SetProperty(a => a.Error, (string?)null), ct);

    /// <summary>
    /// What <see cref="AppliedAsync"/> would settle for this ack, read outside the write: the rows
    /// of its host that wait for a change up to its number or carry an error, and the HAVIPs it
    /// fails. None: the ack (a re-synced agent's, one whose number only moved past other hosts'
    /// changes) needs no write. A row that appears after this read requires a newer state than the
    /// one acknowledged, or wakes the host, whose next ack settles it. The count is what the ack's
    /// write costs (<see cref="ReportBatcher.AckRules"/>): a host's first ack settles a thousand
    /// rows, a later one a few; read through the unsettled rows' index, as the write reads them.
    /// </summary>
    public async Task<int> SettleableRowsAsync(HostApplied report, CancellationToken ct) =>
        report.Errors.Count + await db.HostApplies.CountAsync(Settleable([report.Host], report.Sequence), ct);

    /// <summary>
    /// A row of one of <paramref name="hosts"/> that an ack up to <paramref name="newest"/> can
    /// settle, or that carries an error to clear. Said as "(waiting or failed) and (required up to
    /// newest or failed)", the same rows, so that its first term is the filter of the rows' host
    /// index (HostApplyConfiguration) word for word: SQLite then reads the host's unsettled rows
    /// only, not every row of the host.
    /// </summary>
    private static Expression<Func<HostApply, bool>> Settleable(string[] hosts, long newest) =>
        a => hosts.Contains(a.Host) && (a.AppliedGeneration < a.RequiredGeneration || a.Error != null) && (a.RequiredGeneration <= newest || a.Error != null);

    /// <summary>A clock that stands at one instant.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
