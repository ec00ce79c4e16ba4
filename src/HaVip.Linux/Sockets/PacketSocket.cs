using System.Net.Sockets;
using HaVip.Linux.Native;
using HaVip.Net.Arp;

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

    public void SendArp(in ArpFrame frame, int interfaceIndex)
    {
        Span<byte> bytes = stackalloc byte[ArpFrame.Length];
        if (!frame.TryWrite(bytes, out var written))
            throw new InvalidOperationException("ARP frame cannot be encoded");
        Span<byte> address = stackalloc byte[SockaddrLl.Length];
        SockaddrLl.Write(address, interfaceIndex, LinuxConstants.EthPArp, frame.Ethernet.Destination);
        NativeSocket.SendTo(_socket, bytes[..written], address);
    }

    public void Dispose() => _socket.Dispose();
}
