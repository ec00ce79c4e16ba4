using HaVip.Contracts.Agents;
using HaVip.Domain.Resources;
using HaVip.Storage;

namespace HaVip.Server.Agents;

/// <summary>
/// Per replica, what <see cref="DesiredStateQuery"/> read and every host's answer shares, each kept
/// until a change touches it (<see cref="ScopeCache{T}"/>): a subnet's entries until a change to the
/// subnet, a host's subnets until a change to the host (its instances placed, moved or removed).
/// </summary>
public sealed class DesiredStateCache(DesiredStateFeed feed)
{
    internal ScopeCache<SubnetEntry> Subnets { get; } = new(feed, ChangeScopeRow.Subnet);

    internal ScopeCache<string[]> Hosts { get; } = new(feed, ChangeScopeRow.Host);
}

/// <summary>
/// One subnet's part of the desired state of every host carrying it: the subnet (null when it is
/// gone), the registered hosts with a NIC in it (each host's tunnels are the others'), the ports of
/// its NICs on hosts (each host's ports are its own) and its HAVIPs' states, all built once. Only
/// what the answers carry is kept, not the HAVIPs and NICs as read (every column, the bindings): a
/// replica keeps an entry for every subnet a host asked for, 4,000 at the region.
/// </summary>
internal sealed record SubnetEntry(
    Subnet? Subnet,
    IReadOnlyList<(string Host, string UnderlayIp)> Members,
    IReadOnlyList<(string Host, PortStateDto Port)> Ports,
    IReadOnlyList<HaVipStateDto> VipStates);
