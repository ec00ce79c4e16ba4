using System.Buffers.Binary;
using System.Net;
using HaVip.Net.Checksums;
using HaVip.Net.Ethernet;
using HaVip.Net.Ndp;

namespace HaVip.Agent.Tests.Rules;

/// <summary>IPv6 frames as an instance sends them, to all nodes (ff02::1), for the kernel tests of the port rules.</summary>
internal static class Ipv6Frames
{
    private const byte Udp = 17;
    private const byte Icmpv6 = 58;
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");
    private static readonly MacAddress AllNodesMac = MacAddress.Parse("33:33:00:00:00:01");

    public static byte[] UdpFrom(MacAddress mac, IPAddress source, ushort sourcePort = 40000, ushort destinationPort = 9)
    {
        var udp = new byte[8 + 4];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        return Frame(mac, source, Udp, 64, udp, checksumOffset: 6);
    }

    /// <summary>
    /// A Neighbor Advertisement (RFC 4861 §4.4) with a target link-layer option; unsolicited with the
    /// override flag unless told (a solicited one goes to a unicast address, as RFC 4861 §7.1.2 wants).
    /// </summary>
    public static byte[] Advertisement(MacAddress mac, IPAddress source, IPAddress target, MacAddress? linkLayer = null, bool solicited = false, bool @override = true)
    {
        var na = new NeighborAdvertisement(mac, source, solicited ? IPAddress.Parse("fd00::1") : AllNodes, target, false, solicited, @override, linkLayer ?? mac);
        var frame = new byte[na.Length];
        na.TryWrite(frame, AllNodesMac, out _).Should().BeTrue();
        return frame;
    }

    /// <summary>A Neighbor Solicitation (RFC 4861 §4.3); with the unspecified source (DAD) it carries no option.</summary>
    public static byte[] Solicitation(MacAddress mac, IPAddress source, IPAddress target, MacAddress? linkLayer = null) =>
        SolicitationWith(mac, source, target, source.Equals(IPAddress.IPv6Any) ? null : linkLayer ?? mac);

    /// <summary>A Router Advertisement (RFC 4861 §4.2) with a router lifetime and no options.</summary>
    public static byte[] RouterAdvertisement(MacAddress mac, IPAddress source)
    {
        var icmp = new byte[16];
        icmp[0] = 134;
        icmp[4] = 64;
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(6), 1800);
        return Frame(mac, source, Icmpv6, 255, icmp, checksumOffset: 2);
    }

    private static byte[] SolicitationWith(MacAddress mac, IPAddress source, IPAddress target, MacAddress? linkLayer)
    {
        var icmp = new byte[linkLayer is null ? 24 : 32];
        icmp[0] = 135;
        target.GetAddressBytes().CopyTo(icmp, 8);
        if (linkLayer is { } ll)
        {
            // The source link-layer address option (type 1, 8 bytes).
            icmp[24] = 1;
            icmp[25] = 1;
            ll.Write(icmp.AsSpan(26));
        }
        return Frame(mac, source, Icmpv6, 255, icmp, checksumOffset: 2);
    }

    private static byte[] Frame(MacAddress mac, IPAddress source, byte nextHeader, byte hopLimit, byte[] payload, int checksumOffset)
    {
        var frame = new byte[EthernetHeader.Length + 40 + payload.Length];
        new EthernetHeader(AllNodesMac, mac, EtherType.IPv6).TryWrite(frame, out _).Should().BeTrue();
        var ip = frame.AsSpan(EthernetHeader.Length);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payload.Length);
        ip[6] = nextHeader;
        ip[7] = hopLimit;
        source.GetAddressBytes().CopyTo(ip[8..]);
        AllNodes.GetAddressBytes().CopyTo(ip[24..]);
        // RFC 8200 §8.1: the upper-layer checksum covers the pseudo-header of source, destination, length and next header.
        var sum = InternetChecksum.Add(0, ip.Slice(8, 32));
        sum = InternetChecksum.Add(sum, (ushort)payload.Length);
        sum = InternetChecksum.Add(sum, nextHeader);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(checksumOffset), InternetChecksum.Finish(InternetChecksum.Add(sum, payload)));
        payload.CopyTo(ip[40..]);
        return frame;
    }
}
