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
/// <remarks>
/// Each interface's receive loop is a thread of its own blocked in recv(2), and
/// <paramref name="threadStarted"/> runs first on it (vrrp_rt_priority makes it real-time): a
/// backup that hears its master late fails over falsely, so this path must not wait for the
/// thread pool on a saturated machine.
/// </remarks>
internal sealed class LinkSockets(LinkTable links, Action<string, byte[], int> received, ILogger log, Action? threadStarted = null) : IDisposable
{
    private const int MaxDatagram = 2048;

    // How often a receive thread looks at its stop flag while no datagram comes.
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);
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
                var token = shared.Stop.Token;
                var socket = shared.Socket;
                new Thread(() => ReceiveLoop(device, socket, token)) { IsBackground = true, Name = $"havipd rx {device}" }.Start();
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

    private void ReceiveLoop(string device, VrrpSocket socket, CancellationToken stop)
    {
        threadStarted?.Invoke();
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = socket.Receive(buffer, StopCheck);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                if (stop.IsCancellationRequested)
                    break;
                Log.ReceiveFailed(log, device, ex);
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
                continue;
            }

            if (n == 0)
                continue;
            received(device, buffer, n);
            buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        }

        ArrayPool<byte>.Shared.Return(buffer);
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
