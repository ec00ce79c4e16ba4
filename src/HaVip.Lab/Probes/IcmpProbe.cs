using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;
using HaVip.Net.Checksums;
using HaVip.Net.IPv4;

namespace HaVip.Lab.Probes;

/// <summary>
/// ICMP echo from inside a namespace: does an address answer within a timeout. The raw socket is
/// made in the namespace once, so a probe every few milliseconds costs no process (ping is not
/// installed on the CI image). With <paramref name="family"/> InterNetworkV6 it sends ICMPv6 echo
/// (RFC 4443 §4.1); the kernel fills in an ICMPv6 raw socket's checksum (RFC 3542 §3.1) and hands
/// over no IPv6 header, so the reply's source comes from the socket.
/// </summary>
public sealed class IcmpProbe(string netns, AddressFamily family = AddressFamily.InterNetwork) : IDisposable
{
    private const byte EchoRequest = 8;
    private const byte EchoReply = 0;
    private const byte EchoRequestV6 = 128;
    private const byte EchoReplyV6 = 129;
    private readonly bool _v6 = family == AddressFamily.InterNetworkV6;
    private readonly Socket _socket = NetnsSockets.Create(netns, family, SocketType.Raw, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
    private readonly ushort _id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private readonly byte[] _buffer = new byte[1500];
    private ushort _sequence;

    /// <summary>True when an echo reply to this very request comes from <paramref name="target"/> within <paramref name="timeout"/>.</summary>
    public bool Ping(IPAddress target, TimeSpan timeout)
    {
        var sequence = ++_sequence;
        var request = new byte[16];
        request[0] = _v6 ? EchoRequestV6 : EchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4), _id);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), sequence);
        if (!_v6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), InternetChecksum.Compute(request));
        }
        _socket.SendTo(request, new IPEndPoint(target, 0));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            _socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int length;
            EndPoint from = new IPEndPoint(_v6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            try
            {
                length = _socket.ReceiveFrom(_buffer, ref from);
            }
            catch (SocketException)
            {
                return false;
            }
            if (_v6 ? ((IPEndPoint)from).Address.Equals(target) && IsEchoReply(_buffer.AsSpan(0, length), EchoReplyV6, sequence) : IsReply(_buffer.AsSpan(0, length), target, sequence))
            {
                return true;
            }
        }
        return false;
    }

    // A raw ICMP socket hands over the IPv4 header too; a late reply to an earlier probe does not count.
    private bool IsReply(ReadOnlySpan<byte> datagram, IPAddress target, ushort sequence)
    {
        if (!IPv4Header.TryRead(datagram, out var ip, out _) || !ip.Source.Equals(target))
        {
            return false;
        }
        return IsEchoReply(datagram[ip.HeaderLength..], EchoReply, sequence);
    }

    private bool IsEchoReply(ReadOnlySpan<byte> icmp, byte type, ushort sequence) =>
        icmp.Length >= 8 && icmp[0] == type
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == _id
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == sequence;

    public void Dispose() => _socket.Dispose();
}
