using System.Buffers.Binary;
using System.Net;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.IPv4;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// Frames an instance could put on the wire, each ending in a nonce that a capture on the far
/// side looks for (trailing bytes ride along unchanged; ARP and IPv4 readers ignore them). All
/// go to the broadcast address, so the bridge floods them to every host whatever it learned.
/// </summary>
internal static class CraftedFrames
{
    private const byte ExperimentalProtocol = 253; // RFC 3692: no host answers it

    public static byte[] Ipv4(MacAddress source, IPAddress from, IPAddress to, byte[] nonce) =>
        Frame(source, EtherType.IPv4, Datagram(from, to, nonce));

    public static byte[] Arp(MacAddress source, MacAddress senderMac, IPAddress senderIp, IPAddress targetIp, byte[] nonce)
    {
        var body = new byte[ArpPacket.Length + nonce.Length];
        new ArpPacket(ArpOperation.Request, senderMac, senderIp, MacAddress.Zero, targetIp).TryWrite(body, out _);
        nonce.CopyTo(body, ArpPacket.Length);
        return Frame(source, EtherType.Arp, body);
    }

    /// <summary>An 802.1Q-tagged IPv4 frame (VLAN 100) whose inner packet would be allowed untagged.</summary>
    public static byte[] Vlan(MacAddress source, IPAddress from, IPAddress to, byte[] nonce)
    {
        var inner = Datagram(from, to, nonce);
        var body = new byte[4 + inner.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, 100);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), (ushort)EtherType.IPv4);
        inner.CopyTo(body, 4);
        return Frame(source, EtherType.Vlan, body);
    }

    public static byte[] Other(MacAddress source, ushort etherType, byte[] nonce) => Frame(source, (EtherType)etherType, nonce);

    public static byte[] Nonce() => Guid.NewGuid().ToByteArray();

    private static byte[] Datagram(IPAddress from, IPAddress to, byte[] nonce)
    {
        var datagram = new byte[IPv4Header.MinLength + nonce.Length];
        new IPv4Header(0, (ushort)datagram.Length, 0, 0x4000, 64, ExperimentalProtocol, from, to).TryWrite(datagram, out _);
        nonce.CopyTo(datagram, IPv4Header.MinLength);
        return datagram;
    }

    private static byte[] Frame(MacAddress source, EtherType type, byte[] body)
    {
        var frame = new byte[EthernetHeader.Length + body.Length];
        new EthernetHeader(MacAddress.Broadcast, source, type).TryWrite(frame, out _);
        body.CopyTo(frame, EthernetHeader.Length);
        return frame;
    }
}
