using System.Buffers.Binary;
using HaVip.Linux.Native;

namespace HaVip.Linux.Netlink;

/// <summary><c>struct sockaddr_nl</c> (netlink(7)): family, pad, port id, multicast group bitmask.</summary>
internal static class SockaddrNl
{
    public const int Length = 12;

    public static void Write(Span<byte> destination, uint groups)
    {
        destination[..Length].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(destination, LinuxConstants.AfNetlink);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], groups);
    }
}
