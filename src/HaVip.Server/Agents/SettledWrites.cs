using HaVip.Domain.HaVips;
using HaVip.Server.HaVips;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// What acks decided for untracked HAVIPs (<see cref="ReportWriter.AppliedAsync"/>), written
/// set-based: HAVIPs that end in one status and reason take it in one update, and events alike
/// but for their HAVIP are one insert. The statements grow with the distinct outcomes (a
/// subnet's HAVIPs share their hosts, so their reasons), not with the HAVIPs settled. A HAVIP's
/// events keep their order: its first events of the batch are inserted before its second ones.
/// A settled HAVIP is not made due for the leader's health evaluation: an ack changes its status
/// alone, which no finding reads (<see cref="HaVipChanges.RecordStatus"/>). A dense fleet's first
/// start settled every HAVIP so, and the leader re-evaluated each to the same findings.
/// </summary>
internal sealed class SettledWrites(DateTime now)
{
    private readonly Dictionary<string, (HighAvailabilityVip Vip, List<HaVipEvent> Events)> _changed = new(StringComparer.Ordinal);

    /// <summary>Takes what one report's <see cref="HighAvailabilityVip.MarkApplied"/> returned for <paramref name="vip"/>.</summary>
    public void Add(HighAvailabilityVip vip, IReadOnlyList<HaVipEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        if (!_changed.TryGetValue(vip.Id, out var entry))
        {
            entry = (vip, []);
            _changed[vip.Id] = entry;
        }
        entry.Events.AddRange(events);
    }

    public async Task WriteAsync(HaVipDbContext db, CancellationToken ct)
    {
        foreach (var outcome in _changed.Values.GroupBy(e => (e.Vip.Status, e.Vip.StatusReason)))
        {
            var ids = outcome.Select(e => e.Vip.Id).ToArray();
            var (status, reason) = outcome.Key;
            await db.HaVips.Where(h => ids.Contains(h.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(h => h.Status, status)
                .SetProperty(h => h.StatusReason, reason)
                .SetProperty(h => h.UpdatedAt, now), ct);
        }
        var waves = _changed.Values.Max(e => (int?)e.Events.Count) ?? 0;
        for (var wave = 0; wave < waves; wave++)
        {
            var alike = _changed.Values.Where(e => e.Events.Count > wave).Select(e => e.Events[wave])
                .GroupBy(e => (e.Kind, e.Message, e.At, e.Status, e.InstanceId, e.Finding, e.Instances));
            foreach (var events in alike)
            {
                await db.InsertEventsAsync([.. events.Select(e => e.HaVipId)], events.First(), ct);
            }
        }
    }
}
