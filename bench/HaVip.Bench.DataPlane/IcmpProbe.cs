using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;
using HaVip.Net.Checksums;

namespace HaVip.Bench.DataPlane;

/// <summary>ICMP echo from inside a namespace: does the VIP answer within the timeout.</summary>
internal sealed class IcmpProbe(string netns) : IDisposable
{
    private readonly Socket _socket = NetnsSockets.Create(netns, AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
    private readonly ushort _id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private readonly byte[] _buffer = new byte[1500];
    private ushort _sequence;

    public bool Ping(IPAddress target, TimeSpan timeout)
    {
        var sequence = ++_sequence;
        var request = new byte[16];
        request[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4), _id);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), sequence);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), InternetChecksum.Compute(request));
        _socket.SendTo(request, new IPEndPoint(target, 0));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            _socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int length;
            try
            {
                length = _socket.Receive(_buffer);
            }
            catch (SocketException)
            {
                return false;
            }
            var ihl = (_buffer[0] & 0xF) * 4;
            // An echo reply to this probe (a late reply to an earlier one does not count).
            if (length >= ihl + 8 && _buffer[ihl] == 0 && BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(ihl + 4)) == _id
                && BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(ihl + 6)) == sequence)
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose() => _socket.Dispose();
}
