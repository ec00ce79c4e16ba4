using System.Buffers.Binary;

namespace HaVip.Net.Ethernet;

/// <summary>
/// An Ethernet II header (destination, source, EtherType). The frame check sequence is not
/// part of it: AF_PACKET sockets and pcap files deliver frames without it.
/// </summary>
/// <param name="Destination">Destination MAC.</param>
/// <param name="Source">Source MAC.</param>
/// <param name="EtherType">Payload type; any 16-bit value, named or not.</param>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, EtherType EtherType)
{
    /// <summary>Header length on the wire.</summary>
    public const int Length = 14;

    /// <summary>Where the EtherType starts, after the two MACs; a kernel socket filter reads it there too.</summary>
    public const int EtherTypeOffset = 12;

    /// <summary>Reads the header; the payload is <c>frame[Length..]</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out EthernetHeader header, out DropReason reason)
    {
        if (frame.Length < Length)
        {
            header = default;
            reason = DropReason.TooShort;
            return false;
        }
        header = new(
            MacAddress.Read(frame),
            MacAddress.Read(frame[6..]),
            (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]));
        reason = DropReason.None;
        return true;
    }

    /// <summary>Writes the 14 header bytes.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length)
            return false;
        Destination.Write(destination);
        Source.Write(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[EtherTypeOffset..], (ushort)EtherType);
        written = Length;
        return true;
    }
}
