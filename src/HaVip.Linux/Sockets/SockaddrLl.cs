using System.Buffers.Binary;
using HaVip.Linux.Native;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Sockets;

/// <summary>
/// <c>struct sockaddr_ll</c> (packet(7)): where an AF_PACKET socket sends a frame. Family and
/// index are host order, the protocol is network order.
/// </summary>
internal static class SockaddrLl
{
    public const int Length = 20;

    public static void Write(Span<byte> destination, int interfaceIndex, ushort etherType, MacAddress destinationMac)
    {
        destination[..Length].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(destination, LinuxConstants.AfPacket);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], etherType);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], interfaceIndex);
        destination[11] = MacAddress.Length; // sll_halen; hatype and pkttype stay 0 when sending
        destinationMac.Write(destination[12..]);
    }
}
