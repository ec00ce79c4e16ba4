using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Arp;

/// <summary>
/// An RFC 826 ARP packet for Ethernet hardware and IPv4 protocol addresses, the only
/// combination a HAVIP network carries.
/// </summary>
/// <param name="Operation">Request or reply.</param>
/// <param name="SenderHardwareAddress">ar$sha.</param>
/// <param name="SenderProtocolAddress">ar$spa, an IPv4 address.</param>
/// <param name="TargetHardwareAddress">ar$tha.</param>
/// <param name="TargetProtocolAddress">ar$tpa, an IPv4 address.</param>
public readonly record struct ArpPacket(
    ArpOperation Operation,
    MacAddress SenderHardwareAddress,
    IPAddress SenderProtocolAddress,
    MacAddress TargetHardwareAddress,
    IPAddress TargetProtocolAddress)
{
    /// <summary>Length on the wire for Ethernet/IPv4.</summary>
    public const int Length = 28;

    private const ushort HardwareEthernet = 1;

    /// <summary>Reads an Ethernet/IPv4 ARP packet; trailing bytes (frame padding) are ignored.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ArpPacket packet, out DropReason reason)
    {
        packet = default;
        reason = Check(source);
        if (reason != DropReason.None)
            return false;
        packet = new(
            (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(source[6..]),
            MacAddress.Read(source[8..]),
            new IPAddress(source.Slice(14, 4)),
            MacAddress.Read(source[18..]),
            new IPAddress(source.Slice(24, 4)));
        return true;
    }

    /// <summary>Writes the 28 bytes; false if the buffer is short or an address is not IPv4.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length || !IsIPv4(SenderProtocolAddress) || !IsIPv4(TargetProtocolAddress))
            return false;
        BinaryPrimitives.WriteUInt16BigEndian(destination, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)EtherType.IPv4);
        destination[4] = MacAddress.Length;
        destination[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)Operation);
        SenderHardwareAddress.Write(destination[8..]);
        SenderProtocolAddress.TryWriteBytes(destination.Slice(14, 4), out _);
        TargetHardwareAddress.Write(destination[18..]);
        TargetProtocolAddress.TryWriteBytes(destination.Slice(24, 4), out _);
        written = Length;
        return true;
    }

    private static DropReason Check(ReadOnlySpan<byte> source)
    {
        if (source.Length < Length)
            return DropReason.TooShort;
        if (BinaryPrimitives.ReadUInt16BigEndian(source) != HardwareEthernet || source[4] != MacAddress.Length)
            return DropReason.BadArpHardware;
        if (BinaryPrimitives.ReadUInt16BigEndian(source[2..]) != (ushort)EtherType.IPv4 || source[5] != 4)
            return DropReason.BadArpProtocol;
        var operation = (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(source[6..]);
        return operation is ArpOperation.Request or ArpOperation.Reply ? DropReason.None : DropReason.BadArpOperation;
    }

    private static bool IsIPv4(IPAddress? address) => address?.AddressFamily == AddressFamily.InterNetwork;
}
