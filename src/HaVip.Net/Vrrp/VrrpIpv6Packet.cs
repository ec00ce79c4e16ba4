using System.Diagnostics.CodeAnalysis;
using System.Net;
using HaVip.Net.IPv6;

namespace HaVip.Net.Vrrp;

/// <summary>
/// A VRRPv3 advert with its IPv6 header (RFC 5798 §5.1.2). A raw IPv6 socket never hands over
/// the header, so havipd rebuilds it from the receive's ancillary data (source, destination, hop
/// limit) and judges the result as it judges an IPv4 datagram.
/// </summary>
/// <param name="Ip">The IPv6 header.</param>
/// <param name="Advertisement">The VRRP message.</param>
public sealed record VrrpIpv6Packet(IPv6Header Ip, VrrpAdvertisement Advertisement)
{
    /// <summary>
    /// A packet as keepalived 2.2.7 sends it: traffic class 0xc0, hop limit 255 (keepalived's
    /// unicast adverts leave with the kernel's default, 64). Source is the interface's link-local
    /// address or <c>unicast_src_ip</c>; destination ff02::12 or the peer.
    /// </summary>
    public static VrrpIpv6Packet Create(
        IPAddress source, IPAddress destination, VrrpAdvertisement advertisement, byte hopLimit = VrrpProtocol.Ttl, uint flowLabel = 0)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        var ip = new IPv6Header(VrrpProtocol.KeepalivedTypeOfService, flowLabel, (ushort)advertisement.Length,
            VrrpProtocol.ProtocolNumber, hopLimit, source, destination);
        return new(ip, advertisement);
    }

    /// <summary>Decodes an IPv6 datagram carrying VRRP: header, next header 112, then the message. Never throws.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out VrrpIpv6Packet? packet, out DropReason reason)
    {
        packet = null;
        if (!IPv6Header.TryRead(datagram, out var ip, out reason))
            return false;
        if (ip.NextHeader != VrrpProtocol.ProtocolNumber)
        {
            reason = DropReason.BadProtocol;
            return false;
        }
        var message = datagram.Slice(IPv6Header.Length, ip.PayloadLength);
        if (!VrrpAdvertisement.TryRead(message, ip.Source, ip.Destination, out var advertisement, out reason))
            return false;
        packet = new(ip, advertisement);
        return true;
    }

    /// <summary>
    /// The VRID of an IPv6 datagram carrying VRRP, read without decoding it (a demultiplexer's
    /// look); false when it is not IPv6 or too short. Never throws.
    /// </summary>
    public static bool TryPeekVirtualRouterId(ReadOnlySpan<byte> datagram, out byte virtualRouterId)
    {
        virtualRouterId = 0;
        if (datagram.Length <= IPv6Header.Length + VrrpAdvertisement.VirtualRouterIdOffset || datagram[0] >> 4 != 6)
            return false;
        virtualRouterId = datagram[IPv6Header.Length + VrrpAdvertisement.VirtualRouterIdOffset];
        return true;
    }

    /// <summary>Writes header and message; payload length and the pseudo-header checksum are computed.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var total = IPv6Header.Length + Advertisement.Length;
        var ip = Ip with { PayloadLength = (ushort)Advertisement.Length };
        if (destination.Length < total
            || !ip.TryWrite(destination, out _)
            || !Advertisement.TryWrite(destination[IPv6Header.Length..], Ip.Source, Ip.Destination, out _))
        {
            return false;
        }

        written = total;
        return true;
    }
}
