using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HaVip.Linux.Native;
using HaVip.Net.IPv6;
using HaVip.Net.Vrrp;

namespace HaVip.Linux.Sockets;

/// <summary>
/// The IPv6 VRRP socket (RFC 5798 section 5.1.2). Linux builds the IPv6 header of a raw IPv6
/// socket itself, so a datagram's header becomes ancillary data: its source (the interface's
/// link-local address, section 5.1.2.1) goes in IPV6_PKTINFO, its hop limit (255, section
/// 5.1.2.3) and traffic class in IPV6_HOPLIMIT and IPV6_TCLASS; the socket's own hop limits are
/// 255 too. A received datagram gets its header back from recvmsg's source address, IPV6_PKTINFO
/// (destination) and IPV6_HOPLIMIT, so the codec checks the hop limit and the pseudo-header
/// checksum as keepalived's packets would be checked. The kernel computes no VRRP checksum here
/// (no IPV6_CHECKSUM): ours is sent as built and a bad one reaches the codec and is counted.
/// </summary>
internal sealed unsafe class VrrpIpv6Socket : VrrpSocket
{
    private const int PacketInfoLength = 20;
    private const int ReceiveControlLength = 128;
    private static readonly int SendControlLength = ControlMessages.Space(PacketInfoLength) + (2 * ControlMessages.Space(sizeof(int)));

    private readonly ConcurrentDictionary<IPAddress, byte[]> _destinations = new();

    public VrrpIpv6Socket(string interfaceName, int interfaceIndex)
        : base(LinuxConstants.AfInet6, interfaceName, interfaceIndex, Configure)
    {
    }

    private static void Configure(Socket socket, int interfaceIndex)
    {
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6UnicastHops, VrrpProtocol.Ttl);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6MulticastHops, VrrpProtocol.Ttl);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6TrafficClass, VrrpProtocol.KeepalivedTypeOfService);

        // Our own multicast adverts must not come back to us as if from a peer.
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6MulticastLoop, 0);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6MulticastIf, interfaceIndex);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6RecvPktInfo, 1);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6RecvHopLimit, 1);
    }

    private protected override void Join()
    {
        Span<byte> mreq = stackalloc byte[Ipv6Mreq.Length];
        Ipv6Mreq.Write(mreq, VrrpProtocol.IPv6Multicast, InterfaceIndex);
        Socket.SetRawSocketOption(LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6AddMembership, mreq);
    }

    public override void Send(ReadOnlySpan<byte> datagram, IPAddress destination)
    {
        if (datagram.Length <= IPv6Header.Length || datagram[0] >> 4 != 6)
            throw new ArgumentException("an IPv6 datagram with its header", nameof(datagram));
        var address = _destinations.GetOrAdd(destination, d => SockaddrIn6.Create(d, InterfaceIndex));
        Span<byte> control = stackalloc byte[SendControlLength];
        Span<byte> packetInfo = stackalloc byte[PacketInfoLength];
        datagram.Slice(8, 16).CopyTo(packetInfo);
        BinaryPrimitives.WriteInt32LittleEndian(packetInfo[16..], InterfaceIndex);
        var used = ControlMessages.Write(control, 0, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6PktInfo, packetInfo);
        used = ControlMessages.WriteInt(control, used, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6HopLimit, datagram[7]);
        var trafficClass = (int)((BinaryPrimitives.ReadUInt32BigEndian(datagram) >> 20) & 0xFF);
        used = ControlMessages.WriteInt(control, used, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6TrafficClass, trafficClass);
        var message = datagram[IPv6Header.Length..];
        fixed (byte* m = message)
        fixed (byte* a = address)
        fixed (byte* c = control)
        {
            if (Transfer(send: true, m, message.Length, a, c, used, out _, out var errno) < 0)
                throw new Win32Exception(errno, $"sendmsg to {destination} failed");
        }
    }

    /// <summary>Waits with poll(2), then reads without blocking: whatever mode the descriptor is in, a timeout is a timeout.</summary>
    public override int Receive(Span<byte> buffer, TimeSpan timeout)
    {
        if (buffer.Length <= IPv6Header.Length)
            throw new ArgumentException("room for an IPv6 header and more", nameof(buffer));
        if (!Socket.Poll(timeout, SelectMode.SelectRead))
            return 0;
        Span<byte> source = stackalloc byte[SockaddrIn6.Length];
        Span<byte> control = stackalloc byte[ReceiveControlLength];
        var payload = buffer[IPv6Header.Length..];
        nint n;
        int controlLength;
        int errno;
        fixed (byte* p = payload)
        fixed (byte* s = source)
        fixed (byte* c = control)
        {
            n = Transfer(send: false, p, payload.Length, s, c, ReceiveControlLength, out controlLength, out errno);
        }

        if (n < 0)
            return errno is LinuxConstants.EAgain or LinuxConstants.EIntr ? 0 : throw new Win32Exception(errno, "recvmsg failed");

        WriteHeader(buffer, (int)n, source.Slice(SockaddrIn6.AddressOffset, 16), control[..controlLength]);
        return IPv6Header.Length + (int)n;
    }

    /// <summary>
    /// One sendmsg, or one recvmsg that does not block, of one buffer with a peer address and
    /// ancillary data; <paramref name="controlUsed"/> is what the kernel filled in. The descriptor
    /// is held so that a Dispose on another thread (the daemon stopping while the receive thread
    /// waits) cannot close it, and its number be reused, mid-call.
    /// </summary>
    private nint Transfer(bool send, byte* data, int length, byte* name, byte* control, int controlLength, out int controlUsed, out int errno)
    {
        var vector = new Libc.IoVector { Base = data, Length = (nuint)length };
        var header = new Libc.MessageHeader
        {
            Name = name,
            NameLength = SockaddrIn6.Length,
            Vectors = &vector,
            VectorCount = 1,
            Control = control,
            ControlLength = (nuint)controlLength,
        };
        var handle = Socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = handle.DangerousGetHandle();
            var result = send ? Libc.SendMessage(fd, &header, 0) : Libc.ReceiveMessage(fd, &header, LinuxConstants.MsgDontWait);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            controlUsed = (int)Math.Min(header.ControlLength, (nuint)controlLength);
            return result;
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>The header the kernel took off: what the codec needs of it, from recvmsg's answers.</summary>
    private static void WriteHeader(Span<byte> buffer, int payloadLength, ReadOnlySpan<byte> source, ReadOnlySpan<byte> control)
    {
        var header = buffer[..IPv6Header.Length];
        header.Clear();
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)payloadLength);
        header[IPv6Header.NextHeaderOffset] = VrrpProtocol.ProtocolNumber;
        var hopLimit = ControlMessages.Find(control, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6HopLimit);
        header[7] = hopLimit.Length >= sizeof(int) ? (byte)BitConverter.ToInt32(hopLimit) : (byte)0;
        source.CopyTo(header[8..24]);

        // Without IPV6_PKTINFO the destination stays ::, and the checksum check drops the datagram.
        var packetInfo = ControlMessages.Find(control, LinuxConstants.IpProtoIpv6, LinuxConstants.Ipv6PktInfo);
        if (packetInfo.Length >= 16)
            packetInfo[..16].CopyTo(header[24..40]);
    }
}
