using System.Diagnostics.CodeAnalysis;
using System.Net;
using HaVip.Net.IPv4;

namespace HaVip.Net.Vrrp;

/// <summary>
/// A VRRP advert with its IPv4 header, as a raw IPPROTO_VRRP socket receives it (and as an
/// IP_HDRINCL socket would send it).
/// </summary>
/// <param name="Ip">The IPv4 header.</param>
/// <param name="Advertisement">The VRRP message.</param>
public sealed record VrrpIpv4Packet(IPv4Header Ip, VrrpAdvertisement Advertisement)
{
    /// <summary>
    /// A packet as keepalived sends it: TOS 0xc0, TTL 255 (a unicast one: keepalived's
    /// <c>unicast_ttl</c>), no fragment flags. Destination is 224.0.0.18 for multicast or the peer
    /// for unicast.
    /// </summary>
    public static VrrpIpv4Packet Create(
        IPAddress source, IPAddress destination, VrrpAdvertisement advertisement, ushort identification = 0, byte ttl = VrrpProtocol.Ttl)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        var ip = new IPv4Header(
            VrrpProtocol.KeepalivedTypeOfService,
            (ushort)(IPv4Header.MinLength + advertisement.Length),
            identification,
            0,
            ttl,
            VrrpProtocol.ProtocolNumber,
            source,
            destination);
        return new(ip, advertisement);
    }

    /// <summary>
    /// Decodes an IPv4 datagram carrying VRRP: header checks (RFC 5798 §7.1), protocol 112,
    /// then the message within the header's total length. Never throws.
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out VrrpIpv4Packet? packet, out DropReason reason)
    {
        packet = null;
        if (!IPv4Header.TryRead(datagram, out var ip, out reason))
            return false;
        if (ip.Protocol != VrrpProtocol.ProtocolNumber)
        {
            reason = DropReason.BadProtocol;
            return false;
        }
        var message = datagram[ip.HeaderLength..ip.TotalLength];
        if (!VrrpAdvertisement.TryRead(message, ip.Source, ip.Destination, out var advertisement, out reason))
            return false;
        packet = new(ip, advertisement);
        return true;
    }

    /// <summary>
    /// The VRID of a datagram without decoding or checking it, to route it to the instances
    /// that will: false when the bytes do not reach the VRID of an IPv4 datagram.
    /// </summary>
    public static bool TryPeekVirtualRouterId(ReadOnlySpan<byte> datagram, out byte virtualRouterId)
    {
        virtualRouterId = 0;
        if (datagram.Length < IPv4Header.MinLength || datagram[0] >> 4 != 4)
            return false;
        var headerLength = (datagram[0] & 0x0F) * 4;
        if (headerLength < IPv4Header.MinLength || datagram.Length <= headerLength + VrrpAdvertisement.VirtualRouterIdOffset)
            return false;
        virtualRouterId = datagram[headerLength + VrrpAdvertisement.VirtualRouterIdOffset];
        return true;
    }

    /// <summary>Writes header and message; total length and both checksums are computed.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var total = IPv4Header.MinLength + Advertisement.Length;
        var ip = Ip with { TotalLength = (ushort)total };
        if (destination.Length < total
            || !ip.TryWrite(destination, out var headerLength)
            || !Advertisement.TryWrite(destination[headerLength..], Ip.Source, Ip.Destination, out var messageLength))
        {
            return false;
        }

        written = headerLength + messageLength;
        return true;
    }
}
