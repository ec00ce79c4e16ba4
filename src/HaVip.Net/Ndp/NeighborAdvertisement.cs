using System.Buffers.Binary;
using System.Net;
using HaVip.Net.Checksums;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Ndp;

/// <summary>
/// A Neighbor Advertisement (RFC 4861 §4.4) in an Ethernet II frame, IPv6's answer to ARP: it
/// tells the link that <paramref name="Target"/> is at <paramref name="TargetLinkLayer"/>. An
/// unsolicited one with the override flag is IPv6's gratuitous ARP (§7.2.6), sent by a VRRP master
/// that takes over an address. Read without extension headers: Linux and keepalived send none.
/// </summary>
/// <param name="EthernetSource">The frame's source MAC.</param>
/// <param name="Source">The IPv6 source address.</param>
/// <param name="Destination">The IPv6 destination address.</param>
/// <param name="Target">The address the advertisement is about.</param>
/// <param name="Router">R: the sender is a router.</param>
/// <param name="Solicited">S: an answer to a solicitation.</param>
/// <param name="Override">O: receivers replace a cached link-layer address with this one.</param>
/// <param name="TargetLinkLayer">The target link-layer address option, when present.</param>
public readonly record struct NeighborAdvertisement(
    MacAddress EthernetSource,
    IPAddress Source,
    IPAddress Destination,
    IPAddress Target,
    bool Router,
    bool Solicited,
    bool Override,
    MacAddress? TargetLinkLayer)
{
    /// <summary>The ICMPv6 next header value.</summary>
    public const byte Icmpv6 = 58;

    /// <summary>ICMPv6 type of a Neighbor Advertisement.</summary>
    public const byte IcmpType = 136;

    /// <summary>The fixed IPv6 header.</summary>
    public const int Ipv6HeaderLength = 40;

    /// <summary>Where the IPv6 next header sits in the frame; the agent's kernel filter reads it there.</summary>
    public const int NextHeaderOffset = EthernetHeader.Length + 6;

    /// <summary>Where the ICMPv6 type sits in the frame (no extension headers).</summary>
    public const int TypeOffset = EthernetHeader.Length + Ipv6HeaderLength;

    /// <summary>Where the R, S, O flags sit in the frame.</summary>
    public const int FlagsOffset = TypeOffset + 4;

    /// <summary>The S flag in the flags byte.</summary>
    public const byte SolicitedFlag = 0x40;

    /// <summary>The O flag in the flags byte.</summary>
    public const byte OverrideFlag = 0x20;

    /// <summary>33:33:00:00:00:01, the Ethernet group of ff02::1 (RFC 2464 §7).</summary>
    public static MacAddress AllNodesMac => MacAddress.Parse("33:33:00:00:00:01");

    private const int MessageLength = 24;
    private const byte TargetLinkLayerOption = 2;

    /// <summary>An unsolicited advertisement with the override flag: the IPv6 claim of <see cref="Target"/>.</summary>
    public bool IsClaim => !Solicited && Override;

    /// <summary>
    /// The unsolicited NA a new VRRP master sends for a virtual address (RFC 5798 §8.2, RFC 4861
    /// §7.2.6), as keepalived 2.2.7 sends it: from the address itself to ff02::1, override set,
    /// solicited clear, the interface's MAC as target link-layer address; the router flag is set
    /// when the interface forwards IPv6 (keepalived reads its <c>forwarding</c> sysctl per NA).
    /// </summary>
    public static NeighborAdvertisement CreateClaim(MacAddress interfaceMac, IPAddress address, bool router = false) =>
        new(interfaceMac, address, IPAddress.Parse("ff02::1"), address, router, Solicited: false, Override: true, interfaceMac);

    /// <summary>Reads a frame and makes the receiver's checks of RFC 4861 §7.1.2; padding after the payload is ignored.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out NeighborAdvertisement advertisement, out DropReason reason)
    {
        advertisement = default;
        if (!EthernetHeader.TryRead(frame, out var ethernet, out reason))
            return false;
        if (ethernet.EtherType != EtherType.IPv6)
            return Fail(DropReason.BadEtherType, out reason);
        var ip = frame[EthernetHeader.Length..];
        if (ip.Length < Ipv6HeaderLength)
            return Fail(DropReason.TooShort, out reason);
        if (ip[0] >> 4 != 6)
            return Fail(DropReason.BadIpVersion, out reason);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (Ipv6HeaderLength + payloadLength > ip.Length)
            return Fail(DropReason.BadIpTotalLength, out reason);
        if (ip[6] != Icmpv6)
            return Fail(DropReason.BadProtocol, out reason);
        if (ip[7] != 255)
            return Fail(DropReason.BadTtl, out reason);
        var icmp = ip.Slice(Ipv6HeaderLength, payloadLength);
        if (icmp.Length < MessageLength)
            return Fail(DropReason.TooShort, out reason);
        if (icmp[0] != IcmpType)
            return Fail(DropReason.NotNeighborAdvertisement, out reason);
        if (icmp[1] != 0)
            return Fail(DropReason.BadIcmpCode, out reason);
        if (!ChecksumValid(ip, icmp))
            return Fail(DropReason.BadIcmpChecksum, out reason);
        var destination = new IPAddress(ip.Slice(24, 16));
        var target = new IPAddress(icmp.Slice(8, 16));
        if (target.IsIPv6Multicast)
            return Fail(DropReason.BadNdTarget, out reason);
        var solicited = (icmp[4] & SolicitedFlag) != 0;
        if (solicited && destination.IsIPv6Multicast)
            return Fail(DropReason.SolicitedToMulticast, out reason);
        if (!TryReadOptions(icmp[MessageLength..], out var linkLayer))
            return Fail(DropReason.BadNdOption, out reason);
        advertisement = new(ethernet.Source, new IPAddress(ip.Slice(8, 16)), destination, target,
            (icmp[4] & 0x80) != 0, solicited, (icmp[4] & OverrideFlag) != 0, linkLayer);
        return true;
    }

    /// <summary>Bytes <see cref="TryWrite"/> writes: the frame with a target link-layer option when there is one.</summary>
    public int Length => TypeOffset + MessageLength + (TargetLinkLayer is null ? 0 : 8);

    /// <summary>Writes the frame to <paramref name="ethernetDestination"/>, hop limit 255, checksum filled in.</summary>
    public bool TryWrite(Span<byte> destination, MacAddress ethernetDestination, out int written)
    {
        written = 0;
        if (destination.Length < Length || !new EthernetHeader(ethernetDestination, EthernetSource, EtherType.IPv6).TryWrite(destination, out _))
            return false;
        var frame = destination[..Length];
        var ip = frame[EthernetHeader.Length..];
        var icmp = ip[Ipv6HeaderLength..];
        ip[..Ipv6HeaderLength].Clear();
        icmp.Clear();
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)icmp.Length);
        (ip[6], ip[7]) = (Icmpv6, 255);
        Source.TryWriteBytes(ip[8..24], out _);
        Destination.TryWriteBytes(ip[24..40], out _);
        icmp[0] = IcmpType;
        icmp[4] = (byte)((Router ? 0x80 : 0) | (Solicited ? SolicitedFlag : 0) | (Override ? OverrideFlag : 0));
        Target.TryWriteBytes(icmp[8..24], out _);
        if (TargetLinkLayer is { } linkLayer)
        {
            (icmp[24], icmp[25]) = (TargetLinkLayerOption, 1);
            linkLayer.Write(icmp[26..]);
        }
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Finish(PseudoHeaderSum(ip, icmp)));
        written = Length;
        return true;
    }

    /// <summary>RFC 4861 §7.1.2: every option has a length above zero and ends inside the message.</summary>
    private static bool TryReadOptions(ReadOnlySpan<byte> options, out MacAddress? linkLayer)
    {
        linkLayer = null;
        while (options.Length > 0)
        {
            if (options.Length < 2 || options[1] == 0 || options[1] * 8 > options.Length)
                return false;
            var length = options[1] * 8;
            if (options[0] == TargetLinkLayerOption && length >= 2 + MacAddress.Length)
                linkLayer ??= MacAddress.Read(options[2..]);
            options = options[length..];
        }
        return true;
    }

    /// <summary>The ICMPv6 checksum over the pseudo-header of RFC 8200 §8.1 and the message.</summary>
    private static bool ChecksumValid(ReadOnlySpan<byte> ip, ReadOnlySpan<byte> icmp) => InternetChecksum.Finish(PseudoHeaderSum(ip, icmp)) == 0;

    private static ulong PseudoHeaderSum(ReadOnlySpan<byte> ip, ReadOnlySpan<byte> icmp)
    {
        var sum = InternetChecksum.Add(0, ip.Slice(8, 32));
        sum = InternetChecksum.Add(sum, (ushort)icmp.Length);
        sum = InternetChecksum.Add(sum, (ushort)Icmpv6);
        return InternetChecksum.Add(sum, icmp);
    }

    private static bool Fail(DropReason value, out DropReason reason)
    {
        reason = value;
        return false;
    }
}
