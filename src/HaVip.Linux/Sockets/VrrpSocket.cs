using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Native;
using HaVip.Net.Vrrp;

namespace HaVip.Linux.Sockets;

/// <summary>
/// A raw protocol-112 socket bound to one interface (RFC 5798 section 5.1), of one address family.
/// Both families speak complete datagrams, IP header included: <see cref="Send"/> takes what
/// <see cref="VrrpIpv4Packet"/> or <see cref="VrrpIpv6Packet"/> wrote, and <see cref="Receive"/>
/// hands back the header too (IPv6 rebuilds it from the ancillary data, since a raw IPv6 socket
/// never delivers it), so the codec checks TTL or hop limit the same way for both.
/// </summary>
public abstract class VrrpSocket : IDisposable
{
    private protected VrrpSocket(int domain, string interfaceName, int interfaceIndex, Action<Socket, int> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        Socket = NativeSocket.Create(domain, VrrpProtocol.ProtocolNumber);
        InterfaceIndex = interfaceIndex;
        try
        {
            var device = Encoding.ASCII.GetBytes(interfaceName + "\0");
            Socket.SetRawSocketOption(LinuxConstants.SolSocket, LinuxConstants.SoBindToDevice, device);
            configure(Socket, interfaceIndex);
        }
        catch
        {
            Socket.Dispose();
            throw;
        }
    }

    private protected Socket Socket { get; }

    private protected int InterfaceIndex { get; }

    /// <summary>
    /// The socket of <paramref name="family"/> on the interface, joined to the VRRP group of that
    /// family (224.0.0.18 or ff02::12) when <paramref name="joinMulticast"/>.
    /// </summary>
    public static VrrpSocket Open(string interfaceName, int interfaceIndex, AddressFamily family, bool joinMulticast)
    {
        VrrpSocket socket = family switch
        {
            AddressFamily.InterNetwork => new VrrpIpv4Socket(interfaceName, interfaceIndex),
            AddressFamily.InterNetworkV6 => new VrrpIpv6Socket(interfaceName, interfaceIndex),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "VRRP runs over IPv4 or IPv6"),
        };
        try
        {
            if (joinMulticast)
                socket.JoinMulticast();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True once the socket joined its family's VRRP group.</summary>
    public bool JoinedMulticast { get; private set; }

    /// <summary>Multicast adverts are delivered only after joining the group on this interface; joining twice is a no-op.</summary>
    public void JoinMulticast()
    {
        if (JoinedMulticast)
            return;
        Join();
        JoinedMulticast = true;
    }

    private protected abstract void Join();

    /// <summary>Sends one complete datagram (IP header included) to <paramref name="destination"/>.</summary>
    public abstract void Send(ReadOnlySpan<byte> datagram, IPAddress destination);

    /// <summary>
    /// Receives one datagram, IP header included, blocking the calling thread for at most
    /// <paramref name="timeout"/>; 0 when nothing arrived. A thread of its own per interface, not
    /// the thread pool: the receive path is then one thread the daemon can make real-time.
    /// </summary>
    public abstract int Receive(Span<byte> buffer, TimeSpan timeout);

    public void Dispose()
    {
        Socket.Dispose();
        GC.SuppressFinalize(this);
    }
}
