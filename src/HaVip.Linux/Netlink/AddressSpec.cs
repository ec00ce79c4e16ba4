using System.Net;

namespace HaVip.Linux.Netlink;

/// <summary>An IPv4 address on an interface, as <c>ip addr add ADDR/LEN [brd B] [scope S] [label L] dev IF</c>.</summary>
public sealed record AddressSpec(IPAddress Address, int PrefixLength, int InterfaceIndex)
{
    public string? Label { get; init; }

    public IPAddress? Broadcast { get; init; }

    /// <summary>RT_SCOPE_*: 0 global (default), 253 link, 254 host.</summary>
    public byte Scope { get; init; }
}
