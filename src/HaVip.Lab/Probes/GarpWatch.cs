using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Lab.Probes;

/// <summary>
/// Hears ARP in a namespace (a client's: a gratuitous ARP floods the whole subnet) and tells
/// when one claims <paramref name="vip"/>. The data-plane benchmark polls the API hard only
/// after that, so its own polling does not load the server while a backup waits to take over.
/// </summary>
public sealed class GarpWatch(string netns, IPAddress vip) : IDisposable
{
    private readonly Socket _socket = NetnsSockets.Create(netns, AddressFamily.Packet, SocketType.Raw,
        (ProtocolType)BinaryPrimitives.ReverseEndianness((ushort)EtherType.Arp));
    private readonly byte[] _buffer = new byte[2048];

    /// <summary>Drops what was heard so far (an earlier failover's later bursts).</summary>
    public void Drain()
    {
        while (_socket.Available > 0)
        {
            _socket.Receive(_buffer);
        }
    }

    /// <summary>Completes with the local time a claim of the VIP arrived, or null after <paramref name="timeout"/>.</summary>
    public async Task<DateTime?> NextClaimAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(_buffer, SocketFlags.None, expiry.Token);
                if (ArpFrame.TryRead(_buffer.AsSpan(0, length), out var frame, out _)
                    && ArpClaim.TryFrom(frame.Arp, out var claim) && claim.Address.Equals(vip))
                {
                    return DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
