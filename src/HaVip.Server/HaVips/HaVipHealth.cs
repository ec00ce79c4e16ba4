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
public sealed class HaVipHealth(HaVipDbContext db, HaVipClock clock, RegionHosts regionHosts, IOptions<ServerOptions> options)
{
    /// <summary>What the generated keepalived.conf makes every bound instance send: VRRP v2, PASS.</summary>
    public static ExpectedAdvert Expected(int virtualRouterId) =>
        new(virtualRouterId, TimeSpan.FromSeconds(KeepalivedConfigRenderer.AdvertIntervalSeconds), 2, "SimplePassword");

    /// <summary>
    /// <paramref name="dto"/> with the cluster as seen in <paramref name="observations"/> (every
    /// instance of the subnet that advertises, <see cref="HaVipReads"/>) and the findings now.
    /// </summary>
    public async Task<HaVipDto> WithClusterAsync(HaVipReading vip, IReadOnlyList<VrrpObservation> observations, HaVipDto dto, CancellationToken ct)
    {
        var view = View(vip, observations, await HostsAwayAsync(vip.InstanceIds, ct));
        var vrrp = vip.InstanceIds.Select(id => view.Of(id) is { } o
            ? new VrrpInstanceDto(id, o.Advertising, o.Priority, (long)o.AdvertInterval.TotalMilliseconds, o.VirtualRouterId, o.Version, o.LastAdvertAt)
            : new VrrpInstanceDto(id, false, null, null, null, null, null)).ToArray();
        var findings = ClusterHealth.Evaluate(view, clock.Now)
            .Select(f => new HealthFindingDto(f.Code.ToString(), f.Instances, f.Since, f.Message)).ToArray();
        return dto with { Vrrp = vrrp, Health = new HealthDto(findings.Length == 0 ? "ok" : "findings", findings) };
    }

    /// <summary>
    /// What every instance with a NIC in the subnet advertises, bound or not: another cluster or a
    /// rogue is one of them. Compiled once, as the GET runs it every time.
    /// </summary>
    internal static readonly Func<HaVipDbContext, string, IAsyncEnumerable<InstanceVrrp>> VrrpInSubnet =
        EF.CompileAsyncQuery((HaVipDbContext db, string subnetId) =>
            db.Vrrp.AsNoTracking().Where(o => db.Nics.Where(n => n.SubnetId == subnetId).Select(n => n.InstanceId).Contains(o.InstanceId)));

    /// <summary>What the finding rules read of <paramref name="vip"/>'s cluster now.</summary>
    public async Task<ClusterView> ViewAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        var rows = await VrrpInSubnet(db, vip.SubnetId).ToListAsync(ct);
        var away = await HostsAwayAsync(vip.InstanceIds, ct);
        return View(HaVipReading.Of(vip), rows.Select(r => r.ToObservation()).ToArray(), away);
    }

    /// <summary>
    /// The views of many HAVIPs in three queries whatever their number (the leader's round,
    /// <see cref="HealthRecorder"/>): every subnet's adverts at once, and every bound instance's host.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ClusterView>> ViewsAsync(IReadOnlyCollection<HighAvailabilityVip> vips, CancellationToken ct)
    {
        var subnets = vips.Select(v => v.SubnetId).Distinct(StringComparer.Ordinal).ToList();
        var rows = await (
            from n in db.Nics.AsNoTracking()
            where subnets.Contains(n.SubnetId)
            join o in db.Vrrp.AsNoTracking() on n.InstanceId equals o.InstanceId
            select new { n.SubnetId, Observation = o }).ToListAsync(ct);
        // An instance with two NICs in one subnet is one cluster member, as in VrrpInSubnet.
        var bySubnet = rows.DistinctBy(r => (r.SubnetId, r.Observation.InstanceId, r.Observation.VirtualRouterId)).ToLookup(r => r.SubnetId, r => r.Observation.ToObservation(), StringComparer.Ordinal);
        var away = await HostsAwayAsync(vips.SelectMany(v => v.InstanceIds).ToHashSet(StringComparer.Ordinal), ct);
        return vips.ToDictionary(v => v.Id, v => View(HaVipReading.Of(v), bySubnet[v.SubnetId].ToArray(), AwayOf(v, away)), StringComparer.Ordinal);
    }

    private static ClusterView View(HaVipReading vip, IReadOnlyList<VrrpObservation> observations, IReadOnlyList<HostAway> away) =>
        new(vip.IpAddress, vip.Bindings.Select(b => new BoundInstance(b.InstanceId, b.CreatedAt)).ToArray(), vip.MasterInstanceId, observations, Expected(vip.VirtualRouterId), away);

    /// <summary>The away hosts of a batch narrowed to one HAVIP's bound instances.</summary>
    private static HostAway[] AwayOf(HighAvailabilityVip vip, IReadOnlyList<HostAway> away) =>
        away.Select(h => h with { Instances = h.Instances.Where(vip.InstanceIds.Contains).ToArray() })
            .Where(h => h.Instances.Count > 0)
            .ToArray();

    /// <summary>
    /// The stale or unknown hosts of these instances (<see cref="HostLiveness"/>). A region where
    /// no agent ever registered has none: the embedded default without agents keeps its behaviour.
    /// </summary>
    private async Task<IReadOnlyList<HostAway>> HostsAwayAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        // Asked first, and remembered: a GET in a region without agents pays no query for hosts.
        if (instanceIds.Count == 0 || !await regionHosts.AnyAsync(db, ct))
        {
            return [];
        }
        // One query: each placed instance with its host's last contact (none for a host no agent registered).
        var placed = await (
            from i in db.Instances.AsNoTracking()
            where instanceIds.Contains(i.Id) && i.Host != null
            join h in db.Hosts.AsNoTracking() on i.Host equals h.Name into seen
            from h in seen.DefaultIfEmpty()
            select new { i.Id, Host = i.Host!, LastSeen = h == null ? (DateTime?)null : h.LastSeen }).ToListAsync(ct);
        var staleAfter = options.Value.HostStaleAfter;
        var now = clock.Now;
        return placed.GroupBy(p => p.Host, StringComparer.Ordinal)
            .Select(g => (Host: g.Key, Instances: g.Select(p => p.Id).Order(StringComparer.Ordinal).ToArray(), g.First().LastSeen))
            .Where(h => HostLiveness.StateOf(h.LastSeen, now, staleAfter) != Domain.Hosts.HostState.Ready)
            .Select(h => new HostAway(h.Host, h.Instances, h.LastSeen is { } seen ? HostLiveness.StaleSince(seen, staleAfter) : null))
            .OrderBy(h => h.Host, StringComparer.Ordinal)
            .ToArray();
    }
}
