using System.Globalization;
using System.Net;
using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// A port's IPv6 anti-spoofing (OVN's port security for IPv6, RFC 4861): sources only from the
/// port's own addresses (<see cref="PortStateDto.AllowedIpv6"/>, its link-local address, and the
/// unspecified address of Duplicate Address Detection); a Neighbor Advertisement, the IPv6 claim of
/// an address, only for those targets and with the port's MAC as its target link-layer address; a
/// Neighbor Solicitation only with the port's MAC as its source link-layer address, and in DAD only
/// for its own targets; no Router Advertisement, Redirect or DHCPv6 server message from an
/// instance (a rogue-router guard). Everything else IPv6 passes, as IPv4 does.
/// </summary>
internal static class Ipv6Rules
{
    /// <summary>An IPv6 source the port does not own.</summary>
    public const string SourceReason = "ip6";
    /// <summary>A Neighbor Advertisement or Solicitation that would bind an address or MAC the port does not own.</summary>
    public const string NeighborReason = "nd";
    /// <summary>A router's or DHCPv6 server's message from an instance.</summary>
    public const string RouterReason = "ra";

    public static readonly string[] DropReasons = [SourceReason, NeighborReason, RouterReason];

    // RFC 4861 §4.3/§4.4: the 4-byte ICMPv6 header and 4 bytes of reserved field or flags precede
    // the target address; the first option follows it at byte 24 (type 1 source, 2 target link-layer).
    private const string Target = "@th,64,128";
    private const string FirstOptionType = "@th,192,8";
    private const string FirstOptionMac = "@th,208,48";

    /// <summary>
    /// The link-local address the kernel gives an interface by default (addr_gen_mode eui64, RFC 4291
    /// §2.5.1 / RFC 4862): fe80::/64 with the modified EUI-64 of the MAC. An instance that uses
    /// stable-privacy or random link-local addresses must be configured to EUI-64 (docs/operations.md).
    /// </summary>
    public static IPAddress LinkLocal(string mac)
    {
        var m = Convert.FromHexString(mac.Replace(":", "", StringComparison.Ordinal));
        byte[] bytes = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, (byte)(m[0] ^ 0x02), m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]];
        return new IPAddress(bytes);
    }

    /// <summary>The port's chain rules for IPv6, rendered after its IPv4 rules and before the EtherType rule.</summary>
    public static void RenderPort(PortStateDto port, StringBuilder text)
    {
        var mac = port.MacAddress.ToLowerInvariant();
        IPAddress[] own = [LinkLocal(mac), .. (port.AllowedIpv6 ?? []).Select(IPAddress.Parse)];
        own = [.. own.Distinct()];
        var sources = "{ ::, " + string.Join(", ", own.Select(a => a.ToString())) + " }";
        var targets = "{ " + string.Join(", ", own.Select(Integer)) + " }";
        var macInteger = "0x" + mac.Replace(":", "", StringComparison.Ordinal);
        Drop(text, port, SourceReason, $"ip6 saddr != {sources}");
        Drop(text, port, RouterReason, "icmpv6 type { nd-router-advert, nd-redirect }");
        Drop(text, port, RouterReason, "meta protocol ip6 udp sport 547");
        Drop(text, port, NeighborReason, $"icmpv6 type nd-neighbor-advert {Target} != {targets}");
        Drop(text, port, NeighborReason, $"icmpv6 type nd-neighbor-advert {FirstOptionType} 2 {FirstOptionMac} != {macInteger}");
        Drop(text, port, NeighborReason, $"ip6 saddr :: icmpv6 type nd-neighbor-solicit {Target} != {targets}");
        Drop(text, port, NeighborReason, $"icmpv6 type nd-neighbor-solicit {FirstOptionType} 1 {FirstOptionMac} != {macInteger}");
    }

    private static void Drop(StringBuilder text, PortStateDto port, string reason, string match) =>
        text.Append(CultureInfo.InvariantCulture, $"\t\t{match} counter name \"{NftRenderer.CounterName(reason, port.PortName)}\" drop\n");

    /// <summary>nft 1.0.6 has no ND target selector, so the target is matched as a raw 128-bit integer.</summary>
    private static string Integer(IPAddress address) => "0x" + Convert.ToHexStringLower(address.GetAddressBytes());
}
