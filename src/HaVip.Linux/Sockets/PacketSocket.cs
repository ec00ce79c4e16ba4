using System.Buffers.Binary;
using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HaVip.Linux.Native;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Sockets;

/// <summary>
/// An AF_PACKET socket that sends complete Ethernet frames (the gratuitous ARPs). The interface
/// is named per frame, so one socket serves every interface. Thread-safe (one sendto per frame).
/// </summary>
public sealed class PacketSocket : IDisposable
{
    private readonly Socket _socket;

    public PacketSocket()
    {
        // Protocol 0: send only, so the kernel never queues received frames on this socket.
        _socket = NativeSocket.Create(LinuxConstants.AfPacket, 0);
    }

    /// <summary>
    /// The index of <paramref name="device"/> in the calling thread's network namespace
    /// (if_nametoindex(3); /sys/class/net shows the namespace /sys was mounted in instead).
    /// </summary>
    public static int InterfaceIndex(string device)
    {
        var index = Libc.IfNameToIndex(device);
        return index != 0 ? (int)index : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"no device {device}");
    }

    public void SendArp(in ArpFrame frame, int interfaceIndex)
    {
        Span<byte> bytes = stackalloc byte[ArpFrame.Length];
        if (!frame.TryWrite(bytes, out var written))
            throw new InvalidOperationException("ARP frame cannot be encoded");
        Send(bytes[..written], interfaceIndex);
    }

    /// <summary>Sends <paramref name="frame"/> as it is, Ethernet header included, whatever it carries.</summary>
    public void Send(ReadOnlySpan<byte> frame, int interfaceIndex)
    {
        if (frame.Length < EthernetHeader.Length)
            throw new ArgumentException("a frame has at least an Ethernet header", nameof(frame));
        Span<byte> address = stackalloc byte[SockaddrLl.Length];
        SockaddrLl.Write(address, interfaceIndex, BinaryPrimitives.ReadUInt16BigEndian(frame[EthernetHeader.EtherTypeOffset..]), MacAddress.Read(frame));
        NativeSocket.SendTo(_socket, frame, address);
    }

    public void Dispose() => _socket.Dispose();
}
