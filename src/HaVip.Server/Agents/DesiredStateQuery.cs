using HaVip.Contracts.Agents;
using HaVip.Domain.Addressing;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Resources;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Builds one host's complete desired state with queries bounded by that host's state: its
/// instances, their subnets, the other hosts of those subnets and their HAVIPs. No read of the
/// whole inventory: a change costs the hosts it wakes (<see cref="DesiredStateFeed"/>), and each
/// of them its own state.
/// </summary>
public sealed class DesiredStateQuery(HaVipDbContext db, IServiceScopeFactory scopes)
{
    public Task<long> SequenceAsync(CancellationToken ct) =>
        db.LatestChangeAsync(ct);

    /// <summary>What a change must touch to concern this host: the subnets it carries and the host itself.</summary>
    public async Task<IReadOnlyCollection<string>> ScopesAsync(string host, CancellationToken ct)
    {
        await using var scope = scopes.CreateAllAccountsScope();
        var all = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var subnets = await (from n in all.Nics
                             join i in all.Instances on n.InstanceId equals i.Id
                             where i.Host == host
                             select n.SubnetId).Distinct().ToListAsync(ct);
        return [ChangeScopeRow.Host(host), .. subnets.Select(ChangeScopeRow.Subnet)];
    }

    /// <summary>
    /// The host's complete state, or with <paramref name="only"/> its entries in those subnets
    /// (a delta's content). The sequence is read first by the caller: data newer than it only
    /// makes an ack conservative.
    /// </summary>
    public async Task<DesiredStateDto> BuildAsync(string host, long sequence, CancellationToken ct, IReadOnlySet<string>? only = null)
    {
        // A host's desired state spans every account's instances on it.
        await using var scope = scopes.CreateAllAccountsScope();
        var all = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var local = await all.Instances.AsNoTracking().Where(i => i.Host == host).ToListAsync(ct);
        var ids = local.SelectMany(i => i.Nics).Select(n => n.SubnetId).Where(id => only is null || only.Contains(id)).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return new DesiredStateDto(host, sequence, [], [], []);
        }
        var (subnets, remotes, vips) = await ReadSubnetsAsync(all, host, ids, ct);
        var subnetStates = subnets.Select(s => new SubnetStateDto(s.Id, s.Cidr, s.Gateway, s.Vni,
            remotes.Where(r => r.SubnetId == s.Id).Select(r => r.UnderlayIp).Distinct().Order(StringComparer.Ordinal).ToArray())).ToArray();
        var ports = local.SelectMany(i => i.Nics.Where(n => ids.Contains(n.SubnetId)).Select(n => PortOf(i, n, vips))).ToArray();
        var (boundNics, intervals) = await BoundAsync(all, vips, ct);
        var vipStates = vips.Select(v =>
        {
            var timing = HaVipTiming.Of(v, intervals);
            return new HaVipStateDto(v.Id, v.SubnetId, v.IpAddress, v.InstanceIds, DecisionOf(v, boundNics, timing), VrrpOf(v, boundNics, timing));
        }).ToArray();
        return DesiredStates.Ordered(new DesiredStateDto(host, sequence, subnetStates, ports, vipStates));
    }

    /// <summary>
    /// The NIC's port with the sources it may use, one list per family: an agent that renders
    /// IPv4 only reads <see cref="PortStateDto.AllowedIps"/> and never meets an IPv6 address there.
    /// </summary>
    private static PortStateDto PortOf(Instance instance, Nic nic, List<HighAvailabilityVip> vips)
    {
        var bound = vips.Where(v => v.SubnetId == nic.SubnetId && v.Bindings.Any(b => b.InstanceId == instance.Id)).ToArray();
        string[] v6 = [.. nic.Ipv6Address is { } own ? [own] : Array.Empty<string>(),
            .. bound.Where(v => v.Family == IpFamily.Ipv6).Select(v => v.IpAddress)];
        return new PortStateDto(instance.Id, nic.SubnetId, nic.Device, PortNames.HostSide(instance.Id, nic.Device), nic.MacAddress,
            [nic.IpAddress], [nic.IpAddress, .. bound.Where(v => v.Family == IpFamily.Ipv4).Select(v => v.IpAddress)],
            nic.Ipv6Address, v6.Length == 0 ? null : v6);
    }

    /// <summary>
    /// Runs the queries of a state with subnets once, over no subnet, so that EF Core translates
    /// them before the first change: else the first answer after a start pays for it (about
    /// 0.6 s on a loaded machine, measured), long after the change's notification arrived.
    /// </summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAllAccountsScope();
        await ReadSubnetsAsync(scope.ServiceProvider.GetRequiredService<HaVipDbContext>(), "", [], ct);
    }

    private static async Task<(List<Subnet> Subnets, List<(string SubnetId, string UnderlayIp)> Remotes, List<HighAvailabilityVip> Vips)> ReadSubnetsAsync(
        HaVipDbContext all, string host, string[] ids, CancellationToken ct)
    {
        var subnets = await all.Subnets.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var remotes = await (from n in all.Nics
                             join i in all.Instances on n.InstanceId equals i.Id
                             join h in all.Hosts on i.Host equals h.Name
                             where ids.Contains(n.SubnetId) && i.Host != host
                             select new { n.SubnetId, h.UnderlayIp }).Distinct().ToListAsync(ct);
        var vips = await all.HaVips.AsNoTracking().IgnoreAutoIncludes().Include(h => h.Bindings)
            .Where(h => ids.Contains(h.SubnetId) && h.Status != HaVipStatus.Deleting)
            .ToListAsync(ct);
        return (subnets, [.. remotes.Select(r => (r.SubnetId, r.UnderlayIp))], vips);
    }

    /// <summary>
    /// The NICs of the instances bound to these HAVIPs (they may live on other hosts): the chosen one's
    /// and every advert source; and the advert intervals observed of them, which time the data path.
    /// </summary>
    private static async Task<(List<Nic> Nics, List<ObservedInterval> Intervals)> BoundAsync(HaVipDbContext all, List<HighAvailabilityVip> vips, CancellationToken ct)
    {
        var bound = vips.Where(v => v.Family == IpFamily.Ipv4).SelectMany(v => v.InstanceIds).Distinct(StringComparer.Ordinal).ToArray();
        if (bound.Length == 0)
        {
            return ([], []);
        }
        var nics = await all.Nics.AsNoTracking().Where(n => bound.Contains(n.InstanceId)).ToListAsync(ct);
        var intervals = await all.Vrrp.AsNoTracking().Where(o => bound.Contains(o.InstanceId))
            .Select(o => new ObservedInterval(o.InstanceId, o.VirtualRouterId, o.Advertising, o.AdvertIntervalMilliseconds, o.LastAdvertAt)).ToListAsync(ct);
        return (nics, intervals);
    }

    /// <summary>
    /// The standing decision with the chosen instance's NIC in the HAVIP's subnet and the interval its
    /// adverts are timed by; none when it has no NIC there (nothing to recognise) or its interval is
    /// outside <see cref="AdvertTiming"/>'s bounds (the data path cannot time it: it follows claims).
    /// </summary>
    /// <remarks>The agents' arbitration sets and advert matches are IPv4 (docs/split-brain.md), so an IPv6 HAVIP carries no decision to them.</remarks>
    private static HaVipDecisionDto? DecisionOf(HighAvailabilityVip vip, IReadOnlyList<Nic> boundNics, IReadOnlyDictionary<string, int?> timing) =>
        vip.Family == IpFamily.Ipv4 && vip.DecidedInstanceId is { } chosen && boundNics.FirstOrDefault(n => n.InstanceId == chosen && n.SubnetId == vip.SubnetId) is { } nic
            && timing.GetValueOrDefault(chosen) is { } interval
            ? new HaVipDecisionDto(chosen, nic.MacAddress, nic.IpAddress, vip.VirtualRouterId, interval)
            : null;

    /// <summary>
    /// Every bound instance's advert source (its NIC in the HAVIP's subnet) and the interval its adverts
    /// are timed by, for the agents' silence rule; none for an IPv6 HAVIP, with fewer than two sources
    /// (a lone instance is never silenced), or when a source's interval is outside <see cref="AdvertTiming"/>'s bounds.
    /// </summary>
    private static HaVipVrrpDto? VrrpOf(HighAvailabilityVip vip, IReadOnlyList<Nic> boundNics, IReadOnlyDictionary<string, int?> timing)
    {
        if (vip.Family != IpFamily.Ipv4)
        {
            return null;
        }
        var sources = vip.InstanceIds.Order(StringComparer.Ordinal)
            .Select(id => boundNics.FirstOrDefault(n => n.InstanceId == id && n.SubnetId == vip.SubnetId))
            .OfType<Nic>().Select(n => new HaVipAdvertSourceDto(n.InstanceId, n.IpAddress, timing.GetValueOrDefault(n.InstanceId))).ToArray();
        return sources.Length < 2 || sources.Any(s => s.AdvertIntervalMilliseconds is null)
            ? null
            : new HaVipVrrpDto(vip.VirtualRouterId, HaVipTiming.GeneratedMilliseconds, sources);
    }
}
