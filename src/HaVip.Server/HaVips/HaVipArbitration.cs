using HaVip.Domain.Addressing;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Decides again, inside the write that stored new VRRP observations, which bound instance serves
/// each HAVIP those instances are bound to (<see cref="Arbiter"/>, docs/split-brain.md). A moved or
/// lifted decision is a change the hosts must see: it takes a new number in the change sequence,
/// so the agents fetch the desired state that carries it. So does a change of the advert interval
/// the hosts time their arbitration elements by (<see cref="ObservedAdvertInterval"/>).
/// </summary>
public sealed class HaVipArbitration(HaVipDbContext db, HaVipChanges changes, ArbitrationMetrics metrics)
{
    /// <summary>
    /// Re-decides the HAVIPs bound to <paramref name="reported"/>; <paramref name="rows"/> are the
    /// observations the caller holds (tracked, with this batch applied), <paramref name="earlier"/>
    /// the same rows before the batch (rows the batch created have none); the others are read.
    /// </summary>
    public async Task DecideAsync(IReadOnlyCollection<string> reported, IReadOnlyDictionary<(string, int), InstanceVrrp> rows, IReadOnlyList<VrrpObservation> earlier, CancellationToken ct)
    {
        var vips = await db.HaVips.IgnoreAutoIncludes().Include(h => h.Bindings)
            .Where(h => h.Status != HaVipStatus.Deleting && h.Bindings.Any(b => reported.Contains(b.InstanceId))).ToListAsync(ct);
        if (vips.Count == 0)
        {
            return;
        }
        var bound = vips.SelectMany(v => v.InstanceIds).Distinct(StringComparer.Ordinal).ToArray();
        var others = bound.Except(rows.Keys.Select(k => k.Item1), StringComparer.Ordinal).ToArray();
        var unchanged = (await db.Vrrp.AsNoTracking().Where(o => others.Contains(o.InstanceId)).ToListAsync(ct)).ConvertAll(r => r.ToObservation());
        var observations = rows.Values.Select(r => r.ToObservation()).Concat(unchanged).ToList();
        var before = earlier.Concat(unchanged).ToList();
        var addresses = await db.Nics.AsNoTracking().Where(n => bound.Contains(n.InstanceId))
            .Select(n => new { n.InstanceId, n.SubnetId, n.IpAddress }).ToListAsync(ct);
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vip in vips)
        {
            var voters = vip.InstanceIds.Select(id => new ArbiterVoter(id, addresses.FirstOrDefault(n => n.InstanceId == id && n.SubnetId == vip.SubnetId)?.IpAddress ?? "")).ToArray();
            var view = new ClusterView(vip.IpAddress, [], null, observations, HaVipHealth.Expected(vip.VirtualRouterId));
            var chosenBefore = vip.DecidedInstanceId;
            var intervalBefore = ObservedAdvertInterval.Milliseconds(vip, before);
            var decision = Arbiter.Decide(voters, vip.InstanceIds.Select(view.Of).OfType<VrrpObservation>().ToList(), changes.Now);
            var events = vip.Arbitrate(decision, changes.Now);
            if (events.Count > 0)
            {
                changes.Record(events);
                metrics.Count(decision?.Reason);
                if (chosenBefore != vip.DecidedInstanceId)
                {
                    moved.Add(vip.SubnetId);
                }
            }
            // The desired state carries the interval for IPv4 HAVIPs only (their arbitration and silence rules).
            if (vip.Family == IpFamily.Ipv4 && intervalBefore != ObservedAdvertInterval.Milliseconds(vip, observations))
            {
                moved.Add(vip.SubnetId);
            }
        }
        if (moved.Count > 0)
        {
            await changes.DecisionsChangedAsync(moved, ct);
        }
    }
}
