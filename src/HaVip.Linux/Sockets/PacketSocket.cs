using System.Net.Sockets;
using HaVip.Linux.Native;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Sockets;

/// <summary>An AF_PACKET socket that sends complete Ethernet frames (the gratuitous ARPs) out of one interface.</summary>
public sealed class PacketSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly int _interfaceIndex;

    public PacketSocket(int interfaceIndex)
    {
        // Protocol 0: send only, so the kernel never queues received frames on this socket.
        _socket = NativeSocket.Create(LinuxConstants.AfPacket, 0);
        _interfaceIndex = interfaceIndex;
    }

    public void SendArp(in ArpFrame frame)
    {
        Span<byte> bytes = stackalloc byte[ArpFrame.Length];
        if (!frame.TryWrite(bytes, out var written))
            throw new InvalidOperationException("ARP frame cannot be encoded");
        Span<byte> address = stackalloc byte[SockaddrLl.Length];
        SockaddrLl.Write(address, _interfaceIndex, LinuxConstants.EthPArp, frame.Ethernet.Destination);
        NativeSocket.SendTo(_socket, bytes[..written], address);
    }

    public void Dispose() => _socket.Dispose();
}
