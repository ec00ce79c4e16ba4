using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Native;
using HaVip.Net.Vrrp;

namespace HaVip.Linux.Sockets;

/// <summary>
/// The IPv4 VRRP socket: sends complete datagrams built by <see cref="VrrpIpv4Packet"/> (IP_HDRINCL,
/// so source, TTL 255 and TOS are ours, as keepalived does) and receives datagrams with their IP
/// header for the TTL check.
/// </summary>
internal sealed class VrrpIpv4Socket : VrrpSocket
{
    // Serialised destinations: an advert per interval per instance must not allocate one each time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPAddress, SocketAddress> _destinations = new();

    public VrrpIpv4Socket(string interfaceName, int interfaceIndex)
        : base(LinuxConstants.AfInet, interfaceName, interfaceIndex, Configure)
    {
    }

    private static void Configure(Socket socket, int interfaceIndex)
    {
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIp, LinuxConstants.IpHdrIncl, 1);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIp, LinuxConstants.IpTtl, VrrpProtocol.Ttl);
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastTtl, VrrpProtocol.Ttl);

        // Our own multicast adverts must not come back to us as if from a peer.
        NativeSocket.SetInt(socket, LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastLoop, 0);
        Span<byte> mreqn = stackalloc byte[IpMreqn.Length];
        IpMreqn.Write(mreqn, VrrpProtocol.IPv4Multicast, IPAddress.Any, interfaceIndex);
        socket.SetRawSocketOption(LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastIf, mreqn);
    }

    private protected override void Join()
    {
        Span<byte> mreqn = stackalloc byte[IpMreqn.Length];
        IpMreqn.Write(mreqn, VrrpProtocol.IPv4Multicast, IPAddress.Any, InterfaceIndex);
        Socket.SetRawSocketOption(LinuxConstants.IpProtoIp, LinuxConstants.IpAddMembership, mreqn);
    }

    public override void Send(ReadOnlySpan<byte> datagram, IPAddress destination) =>
        Socket.SendTo(datagram, SocketFlags.None, _destinations.GetOrAdd(destination, d => new IPEndPoint(d, 0).Serialize()));

    /// <remarks>
    /// poll(2) first, as the IPv6 socket does: a receive timeout (SO_RCVTIMEO) ended each quiet
    /// wait in a SocketException, a few kilobytes of garbage four times a second per interface.
    /// </remarks>
    public override int Receive(Span<byte> buffer, TimeSpan timeout) =>
        Socket.Poll(timeout, SelectMode.SelectRead) ? Socket.Receive(buffer, SocketFlags.None) : 0;
}
