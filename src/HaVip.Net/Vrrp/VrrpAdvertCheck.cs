using System.Collections.Immutable;
using System.Net;

namespace HaVip.Net.Vrrp;

/// <summary>
/// The receive checks of RFC 5798 §7.1 and RFC 3768 §7.1 that depend on the receiving
/// instance, after decoding has done the structural ones. Returns the first failing check,
/// in the RFC's order, or <see cref="DropReason.None"/>.
/// </summary>
public static class VrrpAdvertCheck
{
    /// <summary>Checks a decoded IPv4 packet, taking the TTL from its header.</summary>
    public static DropReason Check(VrrpIpv4Packet packet, VrrpExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return Check(packet.Advertisement, packet.Ip.Ttl, expected);
    }

    /// <summary>Checks a decoded IPv6 packet, taking the hop limit from its header (RFC 5798 §7.1).</summary>
    public static DropReason Check(VrrpIpv6Packet packet, VrrpExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return Check(packet.Advertisement, packet.Ip.HopLimit, expected);
    }

    /// <summary>Checks an advert received with the given TTL (IPv4) or hop limit (IPv6).</summary>
    public static DropReason Check(VrrpAdvertisement advertisement, byte ttl, VrrpExpectations expected)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.RequireTtl255 && ttl != VrrpProtocol.Ttl)
            return DropReason.BadTtl;
        if (advertisement.Version != expected.Version)
            return DropReason.VersionMismatch;
        if (advertisement.VirtualRouterId != expected.VirtualRouterId)
            return DropReason.WrongVrid;
        if (expected.IsAddressOwner)
            return DropReason.LocalIsAddressOwner;
        if (advertisement.Version == VrrpVersion.V2)
        {
            var v2 = CheckV2(advertisement, expected);
            if (v2 != DropReason.None)
                return v2;
        }
        // The address list check is a MAY; when it fails, only an advert from the owner
        // (priority 255) is still processed (RFC 5798 §7.1, RFC 3768 §7.1).
        if (!expected.SkipAddressCheck
            && advertisement.Priority != byte.MaxValue
            && !SameAddresses(advertisement.Addresses, expected.VirtualAddresses))
        {
            return DropReason.AddressListMismatch;
        }

        return DropReason.None;
    }

    private static DropReason CheckV2(VrrpAdvertisement advertisement, VrrpExpectations expected)
    {
        if (advertisement.AuthType != expected.AuthType)
            return DropReason.AuthTypeMismatch;
        if (expected.AuthType == VrrpAuthType.SimplePassword && advertisement.AuthData != expected.AuthData)
            return DropReason.AuthMismatch;
        return advertisement.AdvertInterval != expected.AdvertInterval
            ? DropReason.AdvertIntervalMismatch
            : DropReason.None;
    }

    // Order-insensitive, as keepalived compares: same count, every configured address present.
    private static bool SameAddresses(ImmutableArray<IPAddress> received, IReadOnlyList<IPAddress> configured) =>
        !received.IsDefault && received.Length == configured.Count && configured.All(received.Contains);
}
