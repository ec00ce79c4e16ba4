using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HaVip.Domain.Addressing;

/// <summary>
/// A subnet's IPv6 prefix: always a /64 (RFC 4291 §2.5.1: interface identifiers are 64 bits; SLAAC
/// and every cloud's VPC subnets use /64), in canonical form, e.g. fd00:10:240::/64.
/// </summary>
public readonly record struct Ipv6Prefix(Ipv6 Network)
{
    public const int Length = 64;

    private static readonly UInt128 HostMask = ulong.MaxValue;

    /// <summary>RFC 2526 §2: the top 128 interface identifiers of a /64 are reserved subnet anycast addresses.</summary>
    public const ulong FirstReservedAnycastId = 0xFDFF_FFFF_FFFF_FF80;

    /// <summary>The subnet's gateway, as IPv4 subnets have theirs at the first host: prefix::1.</summary>
    public Ipv6 Gateway => Network.Add(1);

    /// <summary>RFC 4291 §2.6.1: the interface identifier zero is the Subnet-Router anycast address.</summary>
    public Ipv6 SubnetRouterAnycast => Network;

    /// <summary>Parses "x:x::/64"; host bits must be zero, and the prefix must be unicast (not link-local, not multicast).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv6Prefix prefix, out string? error)
    {
        prefix = default;
        error = "must be an IPv6 /64 prefix such as fd00:10:240::/64";
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0 || !Ipv6.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }
        if (length != Length)
        {
            error = $"must be a /64 (got /{length}): an IPv6 subnet is always a /64";
            return false;
        }
        if ((address.Value & HostMask) != 0)
        {
            error = $"has host bits set; did you mean {new Ipv6Prefix(new Ipv6(address.Value & ~HostMask))}?";
            return false;
        }
        if (address.IsLinkLocal || address.IsMulticast || address.Value >> 64 == 0)
        {
            error = "must be a global or unique-local unicast prefix (not link-local fe80::/10, multicast ff00::/8 or ::/64)";
            return false;
        }
        prefix = new Ipv6Prefix(address);
        error = null;
        return true;
    }

    public bool Contains(Ipv6 address) => (address.Value & ~HostMask) == Network.Value;

    /// <summary>The Subnet-Router anycast address, the gateway and the RFC 2526 anycast range can never be handed out.</summary>
    public bool IsReserved(Ipv6 address) =>
        address == SubnetRouterAnycast || address == Gateway || (Contains(address) && address.InterfaceId >= FirstReservedAnycastId);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{Length}");
}
