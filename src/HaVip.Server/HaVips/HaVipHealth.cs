using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Hosts;
using HaVip.Domain.Keepalived;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.HaVips;

/// <summary>
/// A HAVIP's cluster as the platform saw it: per bound instance what it advertises, and the
/// findings of <see cref="ClusterHealth"/> at this moment (docs/vrrp-observation.md).
/// </summary>
public sealed class HaVipHealth(HaVipDbContext db, HaVipClock clock, IOptions<ServerOptions> options)
{
    /// <summary>What the generated keepalived.conf makes every bound instance send: VRRP v2, PASS.</summary>
    public static ExpectedAdvert Expected(HighAvailabilityVip vip) =>
        new(vip.VirtualRouterId, TimeSpan.FromSeconds(KeepalivedConfigRenderer.AdvertIntervalSeconds), 2, "SimplePassword");

    public async Task<HaVipDto> WithClusterAsync(HighAvailabilityVip vip, HaVipDto dto, CancellationToken ct)
    {
        var view = await ViewAsync(vip, ct);
        var vrrp = vip.InstanceIds.Select(id => view.Of(id) is { } o
            ? new VrrpInstanceDto(id, o.Advertising, o.Priority, (long)o.AdvertInterval.TotalMilliseconds, o.VirtualRouterId, o.Version, o.LastAdvertAt)
            : new VrrpInstanceDto(id, false, null, null, null, null, null)).ToArray();
        var findings = ClusterHealth.Evaluate(view, clock.Now)
            .Select(f => new HealthFindingDto(f.Code.ToString(), f.Instances, f.Since, f.Message)).ToArray();
        return dto with { Vrrp = vrrp, Health = new HealthDto(findings.Length == 0 ? "ok" : "findings", findings) };
    }

    /// <summary>What the finding rules read of <paramref name="vip"/>'s cluster now.</summary>
    public async Task<ClusterView> ViewAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        // Every instance with a NIC in the subnet, bound or not: another cluster or a rogue is one of them.
        var inSubnet = db.Nics.Where(n => n.SubnetId == vip.SubnetId).Select(n => n.InstanceId);
        var rows = await db.Vrrp.AsNoTracking().Where(o => inSubnet.Contains(o.InstanceId)).ToListAsync(ct);
        var bound = vip.Bindings.Select(b => new BoundInstance(b.InstanceId, b.CreatedAt)).ToArray();
        var away = await HostsAwayAsync(vip.InstanceIds, ct);
        return new ClusterView(vip.IpAddress, bound, vip.MasterInstanceId, rows.Select(r => r.ToObservation()).ToArray(), Expected(vip), away);
    }

    /// <summary>
    /// The stale or unknown hosts of these instances (<see cref="HostLiveness"/>). A region where
    /// no agent ever registered has none: the embedded default without agents keeps its behaviour.
    /// </summary>
    private async Task<IReadOnlyList<HostAway>> HostsAwayAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        // Asked first: on every GET of a region without agents it is the only query this adds.
        if (instanceIds.Count == 0 || !await db.Hosts.AnyAsync(ct))
        {
            return [];
        }
        var placed = await db.Instances.AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id) && i.Host != null)
            .Select(i => new { i.Id, Host = i.Host! })
            .ToListAsync(ct);
        var names = placed.Select(p => p.Host).Distinct(StringComparer.Ordinal).ToArray();
        var lastSeen = await db.Hosts.AsNoTracking().Where(h => names.Contains(h.Name)).ToDictionaryAsync(h => h.Name, h => (DateTime?)h.LastSeen, StringComparer.Ordinal, ct);
        var staleAfter = options.Value.HostStaleAfter;
        var now = clock.Now;
        return placed.GroupBy(p => p.Host, StringComparer.Ordinal)
            .Select(g => (Host: g.Key, Instances: g.Select(p => p.Id).Order(StringComparer.Ordinal).ToArray(), LastSeen: lastSeen.GetValueOrDefault(g.Key)))
            .Where(h => HostLiveness.StateOf(h.LastSeen, now, staleAfter) != Domain.Hosts.HostState.Ready)
            .Select(h => new HostAway(h.Host, h.Instances, h.LastSeen is { } seen ? HostLiveness.StaleSince(seen, staleAfter) : null))
            .OrderBy(h => h.Host, StringComparer.Ordinal)
            .ToArray();
    }
}
