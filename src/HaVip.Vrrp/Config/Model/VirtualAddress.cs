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

    /// <summary>
    /// <c>preferred_lft N|forever</c> (IPv6): seconds the address stays preferred as a source;
    /// <see cref="uint.MaxValue"/> for forever; null when not given, and then keepalived's default
    /// applies (<see cref="EffectivePreferredLifetime"/>).
    /// </summary>
    public uint? PreferredLifetime { get; init; }

    /// <summary>
    /// What keepalived 2.2.7 gives the kernel: an IPv6 /128 without <c>preferred_lft</c> is
    /// deprecated (0), so the host never picks the VIP as a source address; anything else keeps
    /// its given lifetime or stays preferred (null). IPv4 has no preferred lifetime.
    /// </summary>
    public uint? EffectivePreferredLifetime =>
        Address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 ? null
        : PreferredLifetime is { } given ? (given == uint.MaxValue ? null : given)
        : PrefixLength == 128 ? 0 : null;

    /// <summary><c>use_vmac</c> written on the address's line: it wants a VMAC of its own.</summary>
    public bool UseVmac { get; init; }

    /// <summary>
    /// The interface on which a VMAC of its own holds the address (keepalived 2.2.7's
    /// <c>use_vmac_addr</c>, or <c>use_vmac</c> on the address's line): a private macvlan with the
    /// instance's virtual MAC for the address's family; null when the address goes on
    /// <see cref="Device"/>, or without one on the instance's interface or VMAC.
    /// </summary>
    public string? VmacOn { get; init; }

    public SourcePosition Position { get; init; }
}
