using HaVip.Domain.Health;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Writes each finding's start and end into the HAVIP's timeline, once: it evaluates the HAVIPs
/// whose evaluation is due (<see cref="Domain.HaVips.HighAvailabilityVip.HealthDueAt"/>, indexed),
/// compares with the findings stored as open (<see cref="FindingTimeline"/>) and, in the same
/// write, sets the next due moment (<see cref="ClusterHealth.NextChange"/>). A HAVIP that nothing
/// changed and no finding awaits is never read.
/// </summary>
public sealed class HealthRecorder(HaVipDbContext db, WriteGate gate, HaVipHealth health)
{
    /// <summary>How many due HAVIPs one round evaluates; the rest wait for the next round.</summary>
    public const int BatchSize = 200;

    /// <summary>Evaluates the HAVIPs due at <paramref name="now"/>; returns how many findings started or ended.</summary>
    public Task<int> RecordDueAsync(DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var due = await db.HaVips.IgnoreQueryFilters().IgnoreAutoIncludes().Include(h => h.Bindings).AsNoTracking()
                .Where(h => h.HealthDueAt <= now).OrderBy(h => h.HealthDueAt).Take(BatchSize).ToListAsync(c);
            var transitions = 0;
            foreach (var vip in due)
            {
                transitions += await RecordAsync(vip, vip.HealthDueAt!.Value, now, c);
            }
            return transitions;
        }, WriteKind.Record, ct);

    /// <summary>Evaluates one HAVIP at <paramref name="now"/> whatever its due time (a finding is written once even so).</summary>
    public Task<int> RecordAsync(string haVipId, DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vip = await db.HaVips.IgnoreQueryFilters().IgnoreAutoIncludes().Include(h => h.Bindings).AsNoTracking()
                .SingleAsync(h => h.Id == haVipId, c);
            return await RecordAsync(vip, vip.HealthDueAt ?? now, now, c);
        }, WriteKind.Record, ct);

    private async Task<int> RecordAsync(Domain.HaVips.HighAvailabilityVip vip, DateTime changedAt, DateTime now, CancellationToken ct)
    {
        var view = await health.ViewAsync(vip, ct);
        var open = await db.Findings.Where(f => f.HaVipId == vip.Id).ToListAsync(ct);
        var result = FindingTimeline.Compare(vip.Id, open, ClusterHealth.Evaluate(view, now), changedAt);
        db.Findings.AddRange(result.Started);
        db.Findings.RemoveRange(result.Ended);
        db.Events.AddRange(result.Events);
        var next = ClusterHealth.NextChange(view, now);
        // Not through the aggregate's tracked row: its version (the ETag) is not the leader's to check.
        await db.HaVips.IgnoreQueryFilters().Where(h => h.Id == vip.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.HealthDueAt, next), ct);
        return result.Events.Count;
    }
}
