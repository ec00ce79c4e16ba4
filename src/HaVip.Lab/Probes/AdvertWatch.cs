using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Probes;

/// <summary>
/// Hears the VRRP adverts (IPv4 protocol 112) that <paramref name="source"/> sends, in its own
/// namespace: a packet socket of every protocol (ETH_P_ALL; one bound to IPv4 alone is not
/// given outgoing frames) sees what the instance sends. The finding benchmark times the first advert of a second
/// master and the last advert of a dead one with it, on the same clock as its API polls.
/// </summary>
public sealed class AdvertWatch : IDisposable
{
    private const int ProtocolVrrp = 112;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[2048];
    private readonly byte[] _source;

    public AdvertWatch(string netns, IPAddress source)
    {
        _source = source.GetAddressBytes();
        _socket = NetnsSockets.Create(netns, AddressFamily.Packet, SocketType.Raw, (ProtocolType)BinaryPrimitives.ReverseEndianness((ushort)0x0003));
    }

    /// <summary>The local time of the last advert <see cref="NextAsync"/> or <see cref="FollowAsync"/> read.</summary>
    public DateTime? Last { get; private set; }

    /// <summary>Drops what was heard so far.</summary>
    public void Drain()
    {
        while (_socket.Available > 0)
        {
            _socket.Receive(_buffer);
        }
        Last = null;
    }

    /// <summary>Completes with the local time the next advert was read, or null after <paramref name="timeout"/>.</summary>
    public async Task<DateTime?> NextAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(_buffer, SocketFlags.None, expiry.Token);
                if (IsAdvert(_buffer.AsSpan(0, length)))
                {
                    Last = DateTime.UtcNow;
                    return Last;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Keeps <see cref="Last"/> current until <paramref name="ct"/> is cancelled.</summary>
    public async Task FollowAsync(CancellationToken ct)
    {
        try
        {
            while (await NextAsync(TimeSpan.FromDays(1), ct) is not null)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool IsAdvert(ReadOnlySpan<byte> frame) =>
        frame.Length >= 34 && frame[12] == 0x08 && frame[13] == 0x00 && frame[23] == ProtocolVrrp && frame.Slice(26, 4).SequenceEqual(_source);

    public void Dispose() => _socket.Dispose();
}
