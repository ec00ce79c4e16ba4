using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Marks HAVIPs due for the leader's health evaluation (<see cref="HealthRecorder"/>) when what their
/// findings read changes outside the aggregate: observations and hosts. Inside the caller's write,
/// so the mark commits with the change. An earlier due moment is kept.
/// </summary>
internal static class HealthDue
{
    /// <summary>Adverts of these instances changed: every HAVIP of their subnets (bound or not, another cluster or a rogue is one of them).</summary>
    public static Task<int> MarkSubnetsOfAsync(this HaVipDbContext db, IReadOnlyCollection<string> instanceIds, DateTime now, CancellationToken ct)
    {
        var subnets = db.Nics.Where(n => instanceIds.Contains(n.InstanceId)).Select(n => n.SubnetId);
        return db.HaVips.IgnoreQueryFilters()
            .Where(h => subnets.Contains(h.SubnetId) && (h.HealthDueAt == null || h.HealthDueAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.HealthDueAt, now), ct);
    }

    /// <summary>These hosts went stale or came back: every HAVIP with a bound instance on one of them.</summary>
    public static Task<int> MarkBoundOnHostsAsync(this HaVipDbContext db, IReadOnlyCollection<string> hosts, DateTime now, CancellationToken ct)
    {
        var instances = db.Instances.IgnoreQueryFilters().Where(i => i.Host != null && hosts.Contains(i.Host)).Select(i => i.Id);
        return db.HaVips.IgnoreQueryFilters()
            .Where(h => h.Bindings.Any(b => instances.Contains(b.InstanceId)) && (h.HealthDueAt == null || h.HealthDueAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.HealthDueAt, now), ct);
    }
}
