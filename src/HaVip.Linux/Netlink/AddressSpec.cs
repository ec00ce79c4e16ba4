using System.Net;

namespace HaVip.Linux.Netlink;

/// <summary>
/// An address on an interface, as <c>ip addr add ADDR/LEN [brd B] [scope S] [label L]
/// [preferred_lft P] dev IF</c>; its family is the address's.
/// </summary>
public sealed record AddressSpec(IPAddress Address, int PrefixLength, int InterfaceIndex)
{
    public string? Label { get; init; }

    public IPAddress? Broadcast { get; init; }

    /// <summary>RT_SCOPE_*: 0 global (default), 253 link, 254 host.</summary>
    public byte Scope { get; init; }

    /// <summary>
    /// IPv6: seconds the address stays preferred (0: deprecated at once, so never picked as a
    /// source); null leaves it preferred for ever. The valid lifetime is always infinite.
    /// </summary>
    public uint? PreferredLifetime { get; init; }
}
