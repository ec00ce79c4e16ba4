using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Net.Checksums;

namespace HaVip.Net.IPv4;

/// <summary>
/// An IPv4 header (RFC 791) as raw IP sockets deliver it on Linux: total length in network
/// order and including the header. Options are skipped on read and never written.
/// </summary>
/// <param name="TypeOfService">DSCP and ECN; keepalived sends 0xc0 (precedence internetwork control).</param>
/// <param name="TotalLength">Header plus payload, in bytes.</param>
/// <param name="Identification">Fragment identification.</param>
/// <param name="FlagsAndFragmentOffset">The 3 flag bits and 13-bit fragment offset as on the wire.</param>
/// <param name="Ttl">Time to live.</param>
/// <param name="Protocol">Payload protocol number (VRRP is 112).</param>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
public readonly record struct IPv4Header(
    byte TypeOfService,
    ushort TotalLength,
    ushort Identification,
    ushort FlagsAndFragmentOffset,
    byte Ttl,
    byte Protocol,
    IPAddress Source,
    IPAddress Destination)
{
    /// <summary>Length of a header without options, the only kind this writes.</summary>
    public const int MinLength = 20;

    /// <summary>Where the protocol number sits; a kernel socket filter reads it there too.</summary>
    public const int ProtocolOffset = 9;

    /// <summary>Bytes the header occupies on the wire, options included (IHL × 4).</summary>
    public int HeaderLength { get; init; } = MinLength;

    /// <summary>Reads and verifies a header; the payload is <c>datagram[HeaderLength..TotalLength]</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out IPv4Header header, out DropReason reason)
    {
        header = default;
        reason = Check(datagram);
        if (reason != DropReason.None)
            return false;
        header = new(
            datagram[1],
            BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]),
            datagram[8],
            datagram[9],
            new IPAddress(datagram.Slice(12, 4)),
            new IPAddress(datagram.Slice(16, 4)))
        { HeaderLength = (datagram[0] & 0x0F) * 4 };
        return true;
    }

    /// <summary>
    /// Writes a 20-byte header with a freshly computed checksum. False if the buffer is short,
    /// an address is not IPv4, or the header had options (they are not kept, so cannot be
    /// reproduced).
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MinLength || HeaderLength != MinLength || !IsIPv4(Source) || !IsIPv4(Destination))
            return false;
        var header = destination[..MinLength];
        header[0] = 0x45;
        header[1] = TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], Identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], FlagsAndFragmentOffset);
        header[8] = Ttl;
        header[9] = Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        Source.TryWriteBytes(header.Slice(12, 4), out _);
        Destination.TryWriteBytes(header.Slice(16, 4), out _);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        written = MinLength;
        return true;
    }

    private static DropReason Check(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < MinLength)
            return DropReason.TooShort;
        if (datagram[0] >> 4 != 4)
            return DropReason.BadIpVersion;
        var headerLength = (datagram[0] & 0x0F) * 4;
        if (headerLength < MinLength || headerLength > datagram.Length)
            return DropReason.BadIpHeaderLength;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (totalLength < headerLength || totalLength > datagram.Length)
            return DropReason.BadIpTotalLength;
        return InternetChecksum.IsValid(datagram[..headerLength]) ? DropReason.None : DropReason.BadIpChecksum;
    }

    private static bool IsIPv4(IPAddress? address) => address?.AddressFamily == AddressFamily.InterNetwork;
}
