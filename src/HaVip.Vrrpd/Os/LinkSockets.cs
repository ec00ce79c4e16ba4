using System.Buffers;
using HaVip.Linux.Sockets;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The sockets every instance shares: one raw VRRP socket per interface (sending and receiving,
/// opened by the first instance on the interface and closed with the last) and one packet socket
/// for every gratuitous ARP. Each interface's receive loop hands datagrams to
/// <paramref name="received"/> in a pooled buffer the receiver returns.
/// </summary>
internal sealed class LinkSockets(LinkTable links, Action<string, byte[], int> received, ILogger log) : IDisposable
{
    private const int MaxDatagram = 2048;
    private readonly Dictionary<string, Shared> _byDevice = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Lazy<PacketSocket> _arp = new(() => new PacketSocket());

    private sealed class Shared(VrrpSocket socket)
    {
        public VrrpSocket Socket { get; } = socket;

        public CancellationTokenSource Stop { get; } = new();

        public int Users { get; set; }
    }

    public PacketSocket Arp => _arp.Value;

    /// <summary>The interface's socket, joined to 224.0.0.18 when <paramref name="multicast"/>; pair with <see cref="Release"/>.</summary>
    public VrrpSocket Acquire(string device, bool multicast)
    {
        lock (_lock)
        {
            if (!_byDevice.TryGetValue(device, out var shared))
            {
                shared = new Shared(new VrrpSocket(device, links.IndexOf(device), multicast));
                _byDevice[device] = shared;
                _ = ReceiveLoopAsync(device, shared.Socket, shared.Stop.Token);
            }
            else if (multicast)
            {
                shared.Socket.JoinMulticast();
            }

            shared.Users++;
            return shared.Socket;
        }
    }

    public void Release(string device)
    {
        lock (_lock)
        {
            if (!_byDevice.TryGetValue(device, out var shared) || --shared.Users > 0)
                return;
            _byDevice.Remove(device);
            Close(shared);
        }
    }

    private async Task ReceiveLoopAsync(string device, VrrpSocket socket, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && stop.IsCancellationRequested)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Log.ReceiveFailed(log, device, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            received(device, buffer, n);
        }
    }

    private static void Close(Shared shared)
    {
        shared.Stop.Cancel();
        shared.Socket.Dispose();
        shared.Stop.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var shared in _byDevice.Values)
                Close(shared);
            _byDevice.Clear();
        }

        if (_arp.IsValueCreated)
            _arp.Value.Dispose();
    }
}
