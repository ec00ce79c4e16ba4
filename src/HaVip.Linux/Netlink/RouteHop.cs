using System.Net;

namespace HaVip.Linux.Netlink;

/// <summary>One hop of a multipath route, as <c>nexthop via GW [dev IF] [weight N] [onlink]</c>.</summary>
public sealed record RouteHop(IPAddress? Gateway, int? InterfaceIndex, int Weight = 1, bool OnLink = false);
