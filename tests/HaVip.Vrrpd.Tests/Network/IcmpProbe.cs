using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Net.Checksums;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>ICMP echo from inside a namespace: "does the VIP answer", with the replying MAC read from the neighbour table.</summary>
internal sealed class IcmpProbe : IDisposable
{
    private readonly Socket _socket;
    private readonly ushort _id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private ushort _sequence;

    public IcmpProbe(string netns) =>
        _socket = Netns.Run(netns, () => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp));

    /// <summary>True when an echo reply from <paramref name="target"/> arrives within <paramref name="timeout"/>.</summary>
    public bool Ping(IPAddress target, TimeSpan timeout)
    {
        var seq = ++_sequence;
        var request = new byte[16];
        request[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4), _id);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), seq);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), InternetChecksum.Compute(request));
        _socket.SendTo(request, new IPEndPoint(target, 0));
        var deadline = DateTime.UtcNow + timeout;
        var buffer = new byte[1500];
        while (DateTime.UtcNow < deadline)
        {
            _socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return false;
            }

            var ihl = (buffer[0] & 0xF) * 4;
            if (n >= ihl + 8 && buffer[ihl] == 0 && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ihl + 4)) == _id
                && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ihl + 6)) == seq)
                return true;
        }

        return false;
    }

    public void Dispose() => _socket.Dispose();
}
