using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Native;
using HaVip.Net.Vrrp;

namespace HaVip.Linux.Sockets;

/// <summary>
/// A raw IPv4 protocol-112 socket bound to one interface (RFC 5798 section 5.1): sends complete
/// datagrams built by <see cref="VrrpIpv4Packet"/> (IP_HDRINCL, so source, TTL 255 and TOS are
/// ours, as keepalived does) and receives datagrams with their IP header for the TTL check.
/// </summary>
public sealed class VrrpSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly int _interfaceIndex;
    private int _receiveTimeoutMs;

    // Serialised destinations: an advert per interval per instance must not allocate one each time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPAddress, SocketAddress> _destinations = new();

    public VrrpSocket(string interfaceName, int interfaceIndex, bool joinMulticast)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        _socket = NativeSocket.Create(LinuxConstants.AfInet, VrrpProtocol.ProtocolNumber);
        _interfaceIndex = interfaceIndex;
        try
        {
            Configure(interfaceName, interfaceIndex, joinMulticast);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    private void Configure(string interfaceName, int interfaceIndex, bool joinMulticast)
    {
        var device = Encoding.ASCII.GetBytes(interfaceName + "\0");
        _socket.SetRawSocketOption(LinuxConstants.SolSocket, LinuxConstants.SoBindToDevice, device);
        NativeSocket.SetInt(_socket, LinuxConstants.IpProtoIp, LinuxConstants.IpHdrIncl, 1);
        NativeSocket.SetInt(_socket, LinuxConstants.IpProtoIp, LinuxConstants.IpTtl, VrrpProtocol.Ttl);
        NativeSocket.SetInt(_socket, LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastTtl, VrrpProtocol.Ttl);

        // Our own multicast adverts must not come back to us as if from a peer.
        NativeSocket.SetInt(_socket, LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastLoop, 0);
        Span<byte> mreqn = stackalloc byte[IpMreqn.Length];
        IpMreqn.Write(mreqn, VrrpProtocol.IPv4Multicast, IPAddress.Any, interfaceIndex);
        _socket.SetRawSocketOption(LinuxConstants.IpProtoIp, LinuxConstants.IpMulticastIf, mreqn);

        if (joinMulticast)
            JoinMulticast();
    }

    /// <summary>True once the socket joined 224.0.0.18.</summary>
    public bool JoinedMulticast { get; private set; }

    /// <summary>Multicast adverts are delivered only after joining 224.0.0.18 on this interface; joining twice is a no-op.</summary>
    public void JoinMulticast()
    {
        if (JoinedMulticast)
            return;
        Span<byte> mreqn = stackalloc byte[IpMreqn.Length];
        IpMreqn.Write(mreqn, VrrpProtocol.IPv4Multicast, IPAddress.Any, _interfaceIndex);
        _socket.SetRawSocketOption(LinuxConstants.IpProtoIp, LinuxConstants.IpAddMembership, mreqn);
        JoinedMulticast = true;
    }

    /// <summary>Sends one complete IPv4 datagram (header included) to <paramref name="destination"/>.</summary>
    public void Send(ReadOnlySpan<byte> datagram, IPAddress destination) =>
        _socket.SendTo(datagram, SocketFlags.None, _destinations.GetOrAdd(destination, d => new IPEndPoint(d, 0).Serialize()));

    /// <summary>
    /// Receives one datagram, IPv4 header included, blocking the calling thread for at most
    /// <paramref name="timeout"/>; 0 when nothing arrived. A thread of its own per interface, not
    /// the thread pool: the receive path is then one thread the daemon can make real-time.
    /// </summary>
    public int Receive(Span<byte> buffer, TimeSpan timeout)
    {
        // Remembered, not read back: the getter is a getsockopt(2) per datagram.
        var ms = (int)timeout.TotalMilliseconds;
        if (_receiveTimeoutMs != ms)
            _socket.ReceiveTimeout = _receiveTimeoutMs = ms;
        try
        {
            return _socket.Receive(buffer, SocketFlags.None);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return 0;
        }
    }

    /// <summary>Receives one datagram, IPv4 header included.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public void Dispose() => _socket.Dispose();
}
