using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Net.IPv6;

/// <summary>
/// The fixed IPv6 header (RFC 8200 §3). Extension headers are not read: a datagram whose next
/// header is not the expected upper layer is dropped by the caller (keepalived and Linux send
/// VRRP without any).
/// </summary>
/// <param name="TrafficClass">DSCP and ECN; keepalived sends 0xc0, as its IPv4 TOS.</param>
/// <param name="FlowLabel">20-bit flow label; Linux picks one per socket.</param>
/// <param name="PayloadLength">Bytes after this header.</param>
/// <param name="NextHeader">The upper-layer protocol (VRRP is 112).</param>
/// <param name="HopLimit">Hop limit.</param>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
public readonly record struct IPv6Header(
    byte TrafficClass,
    uint FlowLabel,
    ushort PayloadLength,
    byte NextHeader,
    byte HopLimit,
    IPAddress Source,
    IPAddress Destination)
{
    /// <summary>The fixed header's length.</summary>
    public const int Length = 40;

    /// <summary>Where the next header sits; a kernel socket filter reads it there too.</summary>
    public const int NextHeaderOffset = 6;

    private const uint FlowLabelMask = 0xF_FFFF;

    /// <summary>Reads the header; the payload is <c>datagram[Length..(Length + PayloadLength)]</c>. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out IPv6Header header, out DropReason reason)
    {
        header = default;
        reason = DropReason.None;
        if (datagram.Length < Length)
            reason = DropReason.TooShort;
        else if (datagram[0] >> 4 != 6)
            reason = DropReason.BadIpVersion;
        else if (Length + BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]) > datagram.Length)
            reason = DropReason.BadIpTotalLength;
        if (reason != DropReason.None)
            return false;
        var first = BinaryPrimitives.ReadUInt32BigEndian(datagram);
        header = new(
            (byte)(first >> 20),
            first & FlowLabelMask,
            BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]),
            datagram[NextHeaderOffset],
            datagram[7],
            new IPAddress(datagram.Slice(8, 16)),
            new IPAddress(datagram.Slice(24, 16)));
        return true;
    }

    /// <summary>Writes the 40 bytes; false if the buffer is short, an address is not IPv6 or the flow label is wider than 20 bits.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length || FlowLabel > FlowLabelMask || !IsIPv6(Source) || !IsIPv6(Destination))
            return false;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (6u << 28) | ((uint)TrafficClass << 20) | FlowLabel);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], PayloadLength);
        destination[NextHeaderOffset] = NextHeader;
        destination[7] = HopLimit;
        Source.TryWriteBytes(destination.Slice(8, 16), out _);
        Destination.TryWriteBytes(destination.Slice(24, 16), out _);
        written = Length;
        return true;
    }

    private static bool IsIPv6(IPAddress? address) => address?.AddressFamily == AddressFamily.InterNetworkV6;
}
