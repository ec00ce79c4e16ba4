using HaVip.Domain.Addressing;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Decides again, inside the write that stored new VRRP observations, which bound instance serves
/// each HAVIP those instances are bound to (<see cref="Arbiter"/>, docs/split-brain.md). A changed or
/// lifted decision is a change the hosts must see: it takes a new number in the change sequence,
/// so the agents fetch the desired state that carries it. So is a changed advert interval, which
/// times the hosts' data path (<see cref="HaVipTiming"/>).
/// </summary>
public sealed class HaVipArbitration(HaVipDbContext db, HaVipChanges changes, ArbitrationMetrics metrics)
{
    /// <summary>
    /// Re-decides the HAVIPs bound to <paramref name="reported"/>; <paramref name="rows"/> are the
    /// observations the caller holds (tracked, with this batch applied), the others are read;
    /// <paramref name="intervalsBefore"/> are the rows' advertising and interval before the batch (null: a new row).
    /// </summary>
    public async Task DecideAsync(IReadOnlyCollection<string> reported, IReadOnlyDictionary<(string, int), InstanceVrrp> rows,
        IReadOnlyDictionary<(string, int), SeenInterval?> intervalsBefore, CancellationToken ct)
    {
        var vips = await db.HaVips.IgnoreAutoIncludes().Include(h => h.Bindings)
            .Where(h => h.Status != HaVipStatus.Deleting && h.Bindings.Any(b => reported.Contains(b.InstanceId))).ToListAsync(ct);
        if (vips.Count == 0)
        {
            return;
        }
        var bound = vips.SelectMany(v => v.InstanceIds).Distinct(StringComparer.Ordinal).ToArray();
        var others = bound.Except(rows.Keys.Select(k => k.Item1), StringComparer.Ordinal).ToArray();
        var observations = rows.Values.Concat(await db.Vrrp.AsNoTracking().Where(o => others.Contains(o.InstanceId)).ToListAsync(ct))
            .Select(r => r.ToObservation()).ToList();
        var addresses = await db.Nics.AsNoTracking().Where(n => bound.Contains(n.InstanceId))
            .Select(n => new { n.InstanceId, n.SubnetId, n.IpAddress }).ToListAsync(ct);
        var intervals = observations.Select(o => new ObservedInterval(o.InstanceId, o.VirtualRouterId, o.Advertising, (long)o.AdvertInterval.TotalMilliseconds, o.LastAdvertAt)).ToList();
        var intervalsThen = intervals
            .Select(o => intervalsBefore.TryGetValue((o.InstanceId, o.VirtualRouterId), out var then)
                ? (then is { } was ? o with { Advertising = was.Advertising, Milliseconds = was.Milliseconds, LastAdvertAt = was.LastAdvertAt } : (ObservedInterval?)null)
                : o)
            .OfType<ObservedInterval>().ToList();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vip in vips)
        {
            if (vip.Family == IpFamily.Ipv4 && !AdvertTiming.Same(HaVipTiming.Of(vip, intervalsThen), HaVipTiming.Of(vip, intervals)))
            {
                changed.Add(vip.SubnetId);
            }
            var voters = vip.InstanceIds.Select(id => new ArbiterVoter(id, addresses.FirstOrDefault(n => n.InstanceId == id && n.SubnetId == vip.SubnetId)?.IpAddress ?? "",
                vip.Bindings.First(b => b.InstanceId == id).CreatedAt)).ToArray();
            var view = new ClusterView(vip.IpAddress, [], null, observations, HaVipHealth.Expected(vip.VirtualRouterId));
            var before = vip.DecidedInstanceId;
            var decision = Arbiter.Decide(voters, vip.InstanceIds.Select(view.Of).OfType<VrrpObservation>().ToList(), changes.Now);
            var events = vip.Arbitrate(decision, changes.Now);
            if (events.Count > 0)
            {
                changes.Record(events);
                metrics.Count(decision?.Reason);
                if (before != vip.DecidedInstanceId)
                {
                    changed.Add(vip.SubnetId);
                }
            }
        }
        if (changed.Count > 0)
        {
            await changes.DecisionsChangedAsync(changed, ct);
        }
    }
}
