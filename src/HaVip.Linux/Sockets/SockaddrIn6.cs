using System.Buffers.Binary;
using System.Net;
using HaVip.Linux.Native;

namespace HaVip.Linux.Sockets;

/// <summary>
/// <c>struct sockaddr_in6</c> (ipv6(7)): family (host order), port, flow information, address and
/// scope id. A link-local or multicast destination needs the interface as its scope.
/// </summary>
internal static class SockaddrIn6
{
    public const int Length = 28;
    public const int AddressOffset = 8;

    public static byte[] Create(IPAddress address, int interfaceIndex)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, LinuxConstants.AfInet6);
        address.TryWriteBytes(bytes.AsSpan(AddressOffset, 16), out _);
        var linkScoped = address.IsIPv6LinkLocal || address.IsIPv6Multicast;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), linkScoped ? interfaceIndex : 0);
        return bytes;
    }
}

/// <summary><c>struct ipv6_mreq</c> (ipv6(7)): a multicast group and the interface to join it on.</summary>
internal static class Ipv6Mreq
{
    public const int Length = 20;

    public static void Write(Span<byte> destination, IPAddress group, int interfaceIndex)
    {
        group.TryWriteBytes(destination[..16], out _);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], interfaceIndex);
    }
}
