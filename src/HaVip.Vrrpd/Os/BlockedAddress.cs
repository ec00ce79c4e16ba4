using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// One address accept mode drops the traffic of: an IPv4 or IPv6 VIP, and for a link-local IPv6
/// one the interface it lives on (keepalived keys those by interface, since the same link-local
/// address may be another host's on another link): by index, or by
/// <paramref name="InterfaceName"/> when that is given.
/// </summary>
internal readonly record struct BlockedAddress(IPAddress Address, int InterfaceIndex = 0, string? InterfaceName = null)
{
    public static implicit operator BlockedAddress(IPAddress address) => new(address);

    public AddressFamily Family => Address.AddressFamily;

    public bool IsLinkLocal => Address.IsIPv6LinkLocal;

    /// <summary>The set it goes in.</summary>
    public string Set => !IsLinkLocal ? "vips" : InterfaceName is null ? AcceptModeRules.LinkLocalSet : AcceptModeRules.LinkLocalNameSet;

    /// <summary>Its element in that set, as <c>nft</c> reads it.</summary>
    public string Element =>
        !IsLinkLocal ? Address.ToString()
        : InterfaceName is { } name ? $"{Address} . \"{name}\""
        : string.Create(CultureInfo.InvariantCulture, $"{Address} . {InterfaceIndex}");
}
