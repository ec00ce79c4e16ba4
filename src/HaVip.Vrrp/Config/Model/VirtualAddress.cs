using System.Net;

namespace HaVip.Vrrp.Config;

/// <summary>One <c>virtual_ipaddress</c> line: <c>addr[/len] [brd X] [dev X] [scope X] [label X] ...</c>.</summary>
public sealed record VirtualAddress(IPAddress Address, int PrefixLength)
{
    public IPAddress? Broadcast { get; init; }

    public string? Device { get; init; }

    public string? Scope { get; init; }

    public string? Label { get; init; }

    public IPAddress? Peer { get; init; }

    /// <summary><c>no_track</c>: the address's interface going down does not fault the instance.</summary>
    public bool NoTrack { get; init; }

    public SourcePosition Position { get; init; }
}
