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
/// whole inventory: a change costs the hosts it wakes (<see cref="DesiredStateFeed"/>). A subnet's
/// entries (its tunnels, ports and HAVIPs, <see cref="SubnetEntry"/>) and a host's subnets are read
/// once per change that touches them and shared by every host that asks (<see cref="DesiredStateCache"/>):
/// the ten hosts a change wakes cost one read of its subnet, not ten.
/// </summary>
public sealed class DesiredStateQuery(HaVipDbContext db, IServiceScopeFactory scopes, DesiredStateCache cache)
{
    public Task<long> SequenceAsync(CancellationToken ct) =>
        db.LatestChangeAsync(ct);

    /// <summary>
    /// What a change must touch to concern this host: the subnets it carries and the host itself, as of
    /// at least <paramref name="after"/> (the version the host holds).
    /// </summary>
    public async Task<IReadOnlyCollection<string>> ScopesAsync(string host, long after, CancellationToken ct) =>
        [ChangeScopeRow.Host(host), .. (await SubnetsOfAsync(host, after, ct)).Select(ChangeScopeRow.Subnet)];

    /// <summary>
    /// The host's complete state, or with <paramref name="only"/> its entries in those subnets
    /// (a delta's content). The sequence is read first by the caller: data newer than it only
    /// makes an ack conservative.
    /// </summary>
    public async Task<DesiredStateDto> BuildAsync(string host, long sequence, CancellationToken ct, IReadOnlySet<string>? only = null)
    {
        var ids = only is { Count: 0 } ? [] : (await SubnetsOfAsync(host, sequence, ct)).Where(id => only is null || only.Contains(id)).ToArray();
        return ids.Length == 0 ? new DesiredStateDto(host, sequence, [], [], [])
            : Cut(host, sequence, (await cache.Subnets.GetAsync(ids, sequence, ReadSubnetsAsync, ct)).Values);
    }

    /// <summary>
    /// The host's complete state from what this replica keeps alone (<see cref="DesiredStateCache"/>),
    /// with no read of the database; null when something must be read.
    /// </summary>
    public async Task<DesiredStateDto?> TryBuildKeptAsync(string host, long sequence, CancellationToken ct)
    {
        if ((await cache.Hosts.TryGetKeptAsync([host], sequence, ct))?[host] is not { } ids)
        {
            return null;
        }
        if (ids.Length == 0)
        {
            return new DesiredStateDto(host, sequence, [], [], []);
        }
        return await cache.Subnets.TryGetKeptAsync(ids, sequence, ct) is { } entries ? Cut(host, sequence, entries.Values) : null;
    }

    /// <summary>The host's part of its subnets' entries: the tunnels to the other hosts, its own ports, the HAVIPs.</summary>
    private static DesiredStateDto Cut(string host, long sequence, IEnumerable<SubnetEntry> entries)
    {
        var subnetStates = entries.Select(e => e.Subnet is { } s
            ? new SubnetStateDto(s.Id, s.Cidr, s.Gateway, s.Vni,
                e.Members.Where(m => m.Host != host).Select(m => m.UnderlayIp).Distinct().Order(StringComparer.Ordinal).ToArray())
            : null).OfType<SubnetStateDto>().ToArray();
        var ports = entries.SelectMany(e => e.Ports.Where(p => p.Host == host).Select(p => p.Port)).ToArray();
        return DesiredStates.Ordered(new DesiredStateDto(host, sequence, subnetStates, ports, [.. entries.SelectMany(e => e.VipStates)]));
    }

    /// <summary>The subnets of the host's NICs (every account's instances on it), as of at least <paramref name="upTo"/>.</summary>
    private async Task<string[]> SubnetsOfAsync(string host, long upTo, CancellationToken ct) =>
        (await cache.Hosts.GetAsync([host], upTo, ReadHostsAsync, ct))[host];

    /// <summary>
    /// The NIC's port with the sources it may use, one list per family: an agent that renders
    /// IPv4 only reads <see cref="PortStateDto.AllowedIps"/> and never meets an IPv6 address there.
    /// </summary>
    private static PortStateDto PortOf(Nic nic, IReadOnlyList<HighAvailabilityVip> vips)
    {
        var bound = vips.Where(v => v.Bindings.Any(b => b.InstanceId == nic.InstanceId)).ToArray();
        string[] v6 = [.. nic.Ipv6Address is { } own ? [own] : Array.Empty<string>(),
            .. bound.Where(v => v.Family == IpFamily.Ipv6).Select(v => v.IpAddress)];
        return new PortStateDto(nic.InstanceId, nic.SubnetId, nic.Device, PortNames.HostSide(nic.InstanceId, nic.Device), nic.MacAddress,
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
        await ReadHostsAsync([], ct);
        await ReadSubnetsAsync([], ct);
    }

    /// <summary>Each host's subnets (a host with no NIC carries none).</summary>
    private async Task<IReadOnlyDictionary<string, string[]>> ReadHostsAsync(IReadOnlyList<string> hosts, CancellationToken ct)
    {
        // A host's desired state spans every account's instances on it.
        await using var scope = scopes.CreateAllAccountsScope();
        var all = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var names = hosts.ToArray();
        var rows = await (from n in all.Nics
                          join i in all.Instances on n.InstanceId equals i.Id
                          where i.Host != null && names.Contains(i.Host)
                          select new { Host = i.Host!, n.SubnetId }).Distinct().ToListAsync(ct);
        return names.ToDictionary(h => h, h => rows.Where(r => r.Host == h).Select(r => r.SubnetId).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The entries of these subnets, every host's alike (<see cref="SubnetEntry"/>): what every
    /// replica reads once per change to a subnet. Four commands: the subnets; their NICs, each with
    /// its instance's host and that host's underlay when registered (the tunnels, the ports and the
    /// bound instances' advert sources all come from these rows); the HAVIPs with their bindings
    /// joined in; the advert intervals observed of the bound instances.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SubnetEntry>> ReadSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAllAccountsScope();
        var all = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var ids = subnetIds.ToArray();
        var subnets = await all.Subnets.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var nics = await (from n in all.Nics.AsNoTracking()
                          join i in all.Instances on n.InstanceId equals i.Id
                          join h in all.Hosts on i.Host equals h.Name into registered
                          from h in registered.DefaultIfEmpty()
                          where ids.Contains(n.SubnetId)
                          select new NicRow(n, i.Host, h == null ? null : h.UnderlayIp)).ToListAsync(ct);
        // Bindings joined in (at most three a HAVIP): one command, not a split query's two.
        var vips = await all.HaVips.ForReading()
            .Where(h => ids.Contains(h.SubnetId) && h.Status != HaVipStatus.Deleting)
            .ToListAsync(ct);
        var (boundNics, intervals) = await BoundAsync(all, vips, nics, ct);
        return ids.ToDictionary(id => id, id =>
        {
            var own = vips.Where(v => v.SubnetId == id).ToArray();
            var mine = nics.Where(n => n.Nic.SubnetId == id).ToArray();
            return new SubnetEntry(
                subnets.FirstOrDefault(s => s.Id == id),
                [.. mine.Where(n => n.UnderlayIp is not null).Select(n => (n.Host!, n.UnderlayIp!)).Distinct()],
                [.. mine.Where(n => n.Host is not null).Select(n => (n.Host!, PortOf(n.Nic, own)))],
                [.. own.Select(v =>
                {
                    var timing = HaVipTiming.Of(v, intervals);
                    return new HaVipStateDto(v.Id, v.SubnetId, v.IpAddress, v.InstanceIds, DecisionOf(v, boundNics, timing), VrrpOf(v, boundNics, timing));
                })]);
        }, StringComparer.Ordinal);
    }

    /// <summary>A NIC of a subnet read, with its instance's host (null: placed nowhere) and that host's underlay (null: no agent registered it).</summary>
    private sealed record NicRow(Nic Nic, string? Host, string? UnderlayIp);

    /// <summary>
    /// The NICs of the instances bound to these HAVIPs (they may live on other hosts) in the HAVIPs'
    /// subnets, the only ones the decision and the advert sources use: among the subnets' NICs read
    /// already. And the advert intervals observed of those instances, which time the data path.
    /// </summary>
    private static async Task<(List<Nic> Nics, List<ObservedInterval> Intervals)> BoundAsync(HaVipDbContext all, List<HighAvailabilityVip> vips,
        List<NicRow> nics, CancellationToken ct)
    {
        var bound = vips.Where(v => v.Family == IpFamily.Ipv4).SelectMany(v => v.InstanceIds).ToHashSet(StringComparer.Ordinal);
        if (bound.Count == 0)
        {
            return ([], []);
        }
        var ids = bound.ToArray();
        var intervals = await all.Vrrp.AsNoTracking().Where(o => ids.Contains(o.InstanceId))
            .Select(o => new ObservedInterval(o.InstanceId, o.VirtualRouterId, o.Advertising, o.AdvertIntervalMilliseconds, o.LastAdvertAt)).ToListAsync(ct);
        return (nics.Where(n => bound.Contains(n.Nic.InstanceId)).Select(n => n.Nic).ToList(), intervals);
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
