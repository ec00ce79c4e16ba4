using System.Net;

namespace HaVip.Linux.Netlink;

/// <summary>An IPv4 route, as <c>ip route add [TYPE] DST/LEN [via GW] [dev IF] [src S] [metric M] [table T] [scope S]</c>.</summary>
public sealed record RouteSpec(IPAddress Destination, int PrefixLength)
{
    public IPAddress? Gateway { get; init; }

    public int? InterfaceIndex { get; init; }

    public IPAddress? PreferredSource { get; init; }

    public uint? Metric { get; init; }

    public uint Table { get; init; } = NetlinkConstants.RtTableMain;

    /// <summary>RT_SCOPE_*; null picks link scope for a route without a gateway, universe otherwise (as ip-route does).</summary>
    public byte? Scope { get; init; }

    /// <summary>Multipath hops (RTA_MULTIPATH); when present, <see cref="Gateway"/> and <see cref="InterfaceIndex"/> are not sent.</summary>
    public IReadOnlyList<RouteHop> Hops { get; init; } = [];

    /// <summary>RTN_*: 1 unicast (default), 6 blackhole, 7 unreachable, 8 prohibit.</summary>
    public byte Type { get; init; } = 1;
}
