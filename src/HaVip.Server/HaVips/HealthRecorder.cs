using System.Diagnostics;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Writes each finding's start and end into the HAVIP's timeline, once: it evaluates the HAVIPs
/// whose evaluation is due (<see cref="HighAvailabilityVip.HealthDueAt"/>, indexed), compares with
/// the findings stored as open (<see cref="FindingTimeline"/>) and, in the same write, sets the
/// next due moment (<see cref="ClusterHealth.NextChange"/>). A HAVIP that nothing changed and no
/// finding awaits is never read. A round costs a fixed number of statements whatever its size:
/// the views, the open findings, their starts, ends and events and the next due moments are read
/// and written for the whole batch.
/// </summary>
public sealed class HealthRecorder(HaVipDbContext db, WriteGate gate, HaVipHealth health)
{
    /// <summary>
    /// Next due moments are rounded up to this grid, so that a batch's HAVIPs share a few moments
    /// and their marks are a few statements, not one each. The finding itself is stamped at its
    /// exact moment; only its entry into the timeline waits, by less than the grid (the GET
    /// evaluates live and does not wait at all).
    /// </summary>
    public static readonly TimeSpan DueGrid = TimeSpan.FromMilliseconds(100);

    /// <summary>The due moment stored for a finding that starts at <paramref name="next"/>.</summary>
    public static DateTime? DueAt(DateTime? next) =>
        next is { } at ? new DateTime((at.Ticks + DueGrid.Ticks - 1) / DueGrid.Ticks * DueGrid.Ticks, at.Kind) : null;

    /// <summary>What a round did: HAVIPs evaluated, findings started or ended, how long it held the write path.</summary>
    public readonly record struct Round(int Evaluated, int Transitions, TimeSpan Held);

    /// <summary>
    /// Evaluates up to <paramref name="batchSize"/> of the HAVIPs due at <paramref name="now"/>,
    /// the longest due first; the rest wait for the next round (<see cref="RoundBudget"/>).
    /// </summary>
    public Task<Round> RecordDueAsync(DateTime now, int batchSize, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var started = Stopwatch.GetTimestamp();
            // The ids first, ordered by the indexed column alone: the database reads the index in order
            // and stops at the round's size. Read with their bindings, the HAVIPs would be ordered by
            // id too, which sorted every due HAVIP in each round (30,000 after a dense fleet's first start).
            var ids = await db.HaVips.IgnoreQueryFilters().Where(h => h.HealthDueAt <= now).OrderBy(h => h.HealthDueAt)
                .Select(h => h.Id).Take(batchSize).ToListAsync(c);
            var due = ids.Count == 0 ? [] : await Vips().Where(h => ids.Contains(h.Id)).ToListAsync(c);
            var transitions = await RecordAsync(due, now, c);
            return new Round(due.Count, transitions, Stopwatch.GetElapsedTime(started));
        }, WriteKind.Record, ct);

    /// <summary>Evaluates one HAVIP at <paramref name="now"/> whatever its due time (a finding is written once even so).</summary>
    public Task<int> RecordAsync(string haVipId, DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c => await RecordAsync([await Vips().SingleAsync(h => h.Id == haVipId, c)], now, c), WriteKind.Record, ct);

    private IQueryable<HighAvailabilityVip> Vips() =>
        db.HaVips.IgnoreQueryFilters().IgnoreAutoIncludes().Include(h => h.Bindings).AsNoTracking();

    private async Task<int> RecordAsync(IReadOnlyList<HighAvailabilityVip> vips, DateTime now, CancellationToken ct)
    {
        if (vips.Count == 0)
        {
            return 0;
        }
        var views = await health.ViewsAsync(vips, ct);
        var ids = vips.Select(v => v.Id).ToList();
        var open = (await db.Findings.Where(f => ids.Contains(f.HaVipId)).ToListAsync(ct)).ToLookup(f => f.HaVipId, StringComparer.Ordinal);
        var started = new List<OpenFinding>();
        var ended = new List<OpenFinding>();
        var events = new List<HaVipEvent>();
        var nextDue = new List<(string Id, DateTime? Next)>(vips.Count);
        foreach (var vip in vips)
        {
            var view = views[vip.Id];
            var result = FindingTimeline.Compare(vip.Id, open[vip.Id].ToList(), ClusterHealth.Evaluate(view, now), vip.HealthDueAt ?? now);
            started.AddRange(result.Started);
            ended.AddRange(result.Ended);
            events.AddRange(result.Events);
            nextDue.Add((vip.Id, DueAt(ClusterHealth.NextChange(view, now))));
        }
        await WriteTransitionsAsync(started, ended, events, ct);
        // Not through the aggregates' tracked rows: their version (the ETag) is not the leader's to
        // check. One statement per distinct next moment: most are "none" or share a grid step.
        foreach (var group in nextDue.GroupBy(d => d.Next))
        {
            var groupIds = group.Select(d => d.Id).ToList();
            await db.HaVips.IgnoreQueryFilters().Where(h => groupIds.Contains(h.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.HealthDueAt, group.Key), ct);
        }
        return events.Count;
    }

    /// <summary>
    /// A round's starts, ends and events, set-based: one insert for the started findings, one delete
    /// per finding code ended, one insert for the events in their order. Row by row, through the
    /// change tracker, a round of hundreds cost two statements a HAVIP on SQLite. Findings that stand
    /// on with a new message or members are the tracker's to update (it read them).
    /// </summary>
    private async Task WriteTransitionsAsync(List<OpenFinding> started, List<OpenFinding> ended, List<HaVipEvent> events, CancellationToken ct)
    {
        foreach (var code in ended.GroupBy(f => f.Code))
        {
            var endedIds = code.Select(f => f.HaVipId).ToList();
            await db.Findings.Where(f => f.Code == code.Key && endedIds.Contains(f.HaVipId)).ExecuteDeleteAsync(ct);
            foreach (var finding in code)
            {
                db.Entry(finding).State = EntityState.Detached;
            }
        }
        if (started.Count > 0)
        {
            await db.InsertFindingsAsync(started, ct);
        }
        if (events.Count > 0)
        {
            await db.InsertEventsAsync(events, ct);
        }
    }
}
