using System.Net;

namespace HaVip.Vrrp.Config;

/// <summary>One <c>nexthop via X [dev Y] [weight N] [onlink]</c> of a multipath route (or a hop after <c>or</c>).</summary>
public sealed record NextHop(IPAddress? Gateway, string? Device, int Weight = 1, bool OnLink = false);
