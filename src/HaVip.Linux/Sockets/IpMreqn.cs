using System.Buffers.Binary;
using System.Net;

namespace HaVip.Linux.Sockets;

/// <summary>
/// <c>struct ip_mreqn</c> (ip(7)): multicast group, local address and interface index; accepted
/// by IP_ADD_MEMBERSHIP and IP_MULTICAST_IF. Selecting by index works on interfaces without an address.
/// </summary>
internal static class IpMreqn
{
    public const int Length = 12;

    public static void Write(Span<byte> destination, IPAddress group, IPAddress local, int interfaceIndex)
    {
        group.TryWriteBytes(destination[..4], out _);
        local.TryWriteBytes(destination[4..8], out _);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], interfaceIndex);
    }
}
