using System.Net;

namespace HaVip.Vrrp.Config;

/// <summary>One <c>virtual_routes</c> line: <c>[src X] dst/len [via|gw X] [dev X] [metric N] [table N] [scope X] ...</c>.</summary>
public sealed record VirtualRoute(IPAddress Destination, int PrefixLength)
{
    public IPAddress? Gateway { get; init; }

    public IPAddress? Source { get; init; }

    public string? Device { get; init; }

    public int? Metric { get; init; }

    public string? Table { get; init; }

    public string? Scope { get; init; }

    /// <summary>Route type before the destination, e.g. <c>blackhole</c>, <c>unreachable</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Multipath hops (<c>nexthop</c>, or keepalived's deprecated <c>or</c>); empty for a single-path route.</summary>
    public IReadOnlyList<NextHop> NextHops { get; init; } = [];

    public SourcePosition Position { get; init; }
}
