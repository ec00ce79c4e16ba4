using System.Buffers.Binary;
using System.ComponentModel;
using System.Net.Sockets;
using HaVip.Linux.Native;
using HaVip.Net.Ethernet;
using HaVip.Net.IPv4;
using HaVip.Net.Ndp;
using HaVip.Net.Vrrp;

namespace HaVip.Linux.Packet;

/// <summary>
/// Receives every frame an instance sends into its port (AF_PACKET, ETH_P_ALL): on one port
/// (<see cref="Open"/>), or on every interface of the namespace from a single socket
/// (<see cref="OpenAll"/>: one blocking receive on one thread for all ports, where a socket per
/// port cost a thread-pool wake-up per frame — 6–8 % of a core against 1.2 % for 1,000 ports at
/// one frame a second each; the agent reads the same frames from a <see cref="PortRing"/>). ETH_P_ALL taps run before the bridge's rx handler,
/// so frames the nft rules later drop are still seen; that is how spoof attempts are counted.
/// Frames sent out of an interface (the bridge's to the instance) are ignored, and a socket filter
/// keeps everything but ARP, VRRP adverts (IPv4 protocol 112) and unsolicited Neighbor
/// Advertisements with the override flag in the kernel: an instance's data traffic never costs
/// the agent a copy or a wake-up.
/// </summary>
public sealed class PortCapture : IDisposable
{
    private const ushort EthPAll = 0x0003;
    // ldh [EtherType]; jeq #ARP, accept; jeq #IPv4, 0, ipv6;
    //   ldb [IPv4 protocol]; jeq #VRRP, accept, drop;
    // ipv6: jeq #IPv6, 0, drop; ldb [next header]; jeq #ICMPv6, 0, drop; ldb [ICMPv6 type]; jeq #NA, 0, drop;
    //   ldb [NA flags]; and #(S|O); jeq #O, accept, drop (an unsolicited NA with override: IPv6's GARP);
    // accept: ret #whole frame; drop: ret #0
    private static readonly SockFilter[] Claims =
    [
        new(0x28, 0, 0, EthernetHeader.EtherTypeOffset),
        new(0x15, 11, 0, (ushort)EtherType.Arp),
        new(0x15, 0, 2, (ushort)EtherType.IPv4),
        new(0x30, 0, 0, EthernetHeader.Length + IPv4Header.ProtocolOffset),
        new(0x15, 8, 9, VrrpProtocol.ProtocolNumber),
        new(0x15, 0, 8, (ushort)EtherType.IPv6),
        new(0x30, 0, 0, NeighborAdvertisement.NextHeaderOffset),
        new(0x15, 0, 6, NeighborAdvertisement.Icmpv6),
        new(0x30, 0, 0, NeighborAdvertisement.TypeOffset),
        new(0x15, 0, 4, NeighborAdvertisement.IcmpType),
        new(0x30, 0, 0, NeighborAdvertisement.FlagsOffset),
        new(0x54, 0, 0, NeighborAdvertisement.SolicitedFlag | NeighborAdvertisement.OverrideFlag),
        new(0x15, 0, 1, NeighborAdvertisement.OverrideFlag),
        new(0x06, 0, 0, 0x40000),
        new(0x06, 0, 0, 0),
    ];
    private const int SolPacket = 263;
    private const int PacketIgnoreOutgoing = 23;
    private readonly Socket _socket;
    private System.Net.SocketAddress? _from;

    private PortCapture(Socket socket) => _socket = socket;

    public static PortCapture Open(string device) => Open(InterfaceIndex(device));

    /// <summary>
    /// Every interface of the calling thread's namespace; <see cref="Receive"/> says which one a
    /// frame came in on. Its receive wait ends every <paramref name="wakeEvery"/> so a reader can stop.
    /// </summary>
    public static PortCapture OpenAll(TimeSpan wakeEvery)
    {
        var capture = Open(0);
        try
        {
            // One queue for every port: room for a burst while the reader is away (a GC pause),
            // beyond net.core.rmem_max where the agent may (CAP_NET_ADMIN).
            try
            {
                NativeSocket.SetInt(capture._socket, LinuxConstants.SolSocket, LinuxConstants.SoRcvBufForce, ReceiveBuffer);
            }
            catch (SocketException)
            {
                NativeSocket.SetInt(capture._socket, LinuxConstants.SolSocket, LinuxConstants.SoRcvBuf, ReceiveBuffer);
            }
            capture._socket.ReceiveTimeout = (int)wakeEvery.TotalMilliseconds;
            return capture;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    private static PortCapture Open(int index) => new(OpenSocket(index));

    /// <summary>
    /// A packet socket with this class's filter, bound to one interface (0: all of them);
    /// <paramref name="beforeBind"/> sets what must be set before frames are queued (a ring).
    /// </summary>
    internal static Socket OpenSocket(int index, Action<Socket>? beforeBind = null)
    {
        // Protocol 0 until bound: nothing from other interfaces is queued in between.
        var socket = NativeSocket.Create(LinuxConstants.AfPacket, 0);
        try
        {
            NativeSocket.SetInt(socket, SolPacket, PacketIgnoreOutgoing, 1);
            NativeSocket.AttachFilter(socket, Claims);
            beforeBind?.Invoke(socket);
            Span<byte> address = stackalloc byte[20];
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, LinuxConstants.AfPacket);
            BinaryPrimitives.WriteUInt16BigEndian(address[2..], EthPAll);
            BinaryPrimitives.WriteInt32LittleEndian(address[4..], index);
            NativeSocket.Bind(socket, address);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next frame into <paramref name="buffer"/>; its length.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => _socket.ReceiveAsync(buffer, SocketFlags.None, ct);

    /// <summary>
    /// Waits for the next frame (blocking the calling thread); its length and the index of the
    /// interface it came in on, or 0 when the wait of <see cref="OpenAll"/> ended first. One
    /// reader at a time: the sender's address is received into the same buffer every time.
    /// </summary>
    public int Receive(Span<byte> buffer, out int interfaceIndex)
    {
        var from = _from ??= new System.Net.SocketAddress(AddressFamily.Packet, AddressSize);
        // A receive shrinks it to the address received; .NET wants the full size again.
        from.Size = AddressSize;
        try
        {
            var length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            // struct sockaddr_ll: family (2), protocol (2), ifindex (4, host order), ...
            interfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(from.Buffer.Span[4..]);
            return length;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            interfaceIndex = 0;
            return 0;
        }
    }

    // .NET asks for room for any address of the family, more than sockaddr_ll's 20 bytes.
    private static readonly int AddressSize = System.Net.SocketAddress.GetMaximumAddressSize(AddressFamily.Packet);
    private const int ReceiveBuffer = 4 << 20;

    public void Dispose() => _socket.Dispose();

    /// <summary>
    /// if_nametoindex(3), in the calling thread's network namespace (a capture opened from a
    /// thread moved with setns); /sys shows the namespace it was mounted in instead.
    /// </summary>
    private static int InterfaceIndex(string device)
    {
        var index = Libc.IfNameToIndex(device);
        return index != 0 ? (int)index : throw new Win32Exception(19, $"device {device} does not exist");
    }
}
