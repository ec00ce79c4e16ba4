using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.Ndp;

namespace HaVip.Lab.Probes;

/// <summary>
/// Hears ARP in a namespace (a client's: a gratuitous ARP floods the whole subnet) and tells
/// when one claims <paramref name="vip"/>; for an IPv6 VIP, the claim is an unsolicited Neighbor
/// Advertisement with the override flag (to ff02::1, so it floods alike). The data-plane benchmark polls the API hard only
/// after that, so its own polling does not load the server while a backup waits to take over.
/// </summary>
public sealed class GarpWatch(string netns, IPAddress vip) : IDisposable
{
    private readonly Socket _socket = NetnsSockets.Create(netns, AddressFamily.Packet, SocketType.Raw,
        (ProtocolType)BinaryPrimitives.ReverseEndianness((ushort)(vip.AddressFamily == AddressFamily.InterNetworkV6 ? EtherType.IPv6 : EtherType.Arp)));
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
                if (Claims(_buffer.AsSpan(0, length)))
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

    private bool Claims(ReadOnlySpan<byte> frame) => vip.AddressFamily == AddressFamily.InterNetworkV6
        ? NeighborAdvertisement.TryRead(frame, out var advertisement, out _) && advertisement.IsClaim && advertisement.Target.Equals(vip)
        : ArpFrame.TryRead(frame, out var arp, out _) && ArpClaim.TryFrom(arp.Arp, out var claim) && claim.Address.Equals(vip);

    public void Dispose() => _socket.Dispose();
}
