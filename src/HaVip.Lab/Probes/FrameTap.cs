using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Probes;

/// <summary>
/// Hears every frame arriving in a namespace (AF_PACKET, ETH_P_ALL: whatever its EtherType, VLAN
/// tags and all) and tells whether one carried a given nonce. Tests that send crafted frames put
/// a fresh nonce in each, so a frame is recognised whatever its headers became on the way.
/// </summary>
public sealed class FrameTap : IDisposable
{
    private const ushort EthPAll = 0x0003;
    private readonly Socket _socket;
    private readonly ConcurrentQueue<byte[]> _frames = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FrameTap(string netns)
    {
        _socket = NetnsSockets.Create(netns, AddressFamily.Packet, SocketType.Raw, (ProtocolType)BinaryPrimitives.ReverseEndianness(EthPAll));
        _loop = Task.Run(ReceiveAsync);
    }

    /// <summary>Whether a frame carrying <paramref name="nonce"/> has arrived.</summary>
    public bool Saw(ReadOnlySpan<byte> nonce)
    {
        foreach (var frame in _frames)
        {
            if (frame.AsSpan().IndexOf(nonce) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Waits for a frame carrying <paramref name="nonce"/>; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(ReadOnlyMemory<byte> nonce, TimeSpan timeout, CancellationToken ct)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(timeout);
        try
        {
            while (!Saw(nonce.Span))
            {
                await _arrived.WaitAsync(expiry.Token);
            }
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Saw(nonce.Span);
        }
    }

    /// <summary>Every frame that arrived so far, in order, for a test to decode.</summary>
    public IEnumerable<byte[]> Frames => _frames;

    /// <summary>How many frames arrived so far (what a failed wait reports).</summary>
    public int Count => _frames.Count;

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                _frames.Enqueue(buffer.AsSpan(0, length).ToArray());
                _arrived.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the tap is done.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _arrived.Dispose();
    }
}
