using System.Net.Sockets;
using HaVip.Linux.Sockets;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The sockets every instance shares: one raw VRRP socket per interface and address family
/// (sending and receiving, opened by the first instance of that family on the interface and closed
/// with the last) and one packet socket for every gratuitous ARP and Neighbor Advertisement. Each
/// socket's receive loop hands datagrams (IP header first, so their family shows) to
/// <paramref name="received"/> in a buffer of <paramref name="buffers"/>, which the receiver returns there.
/// </summary>
/// <remarks>
/// Each interface's receive loop is a thread of its own blocked in recv(2), and
/// <paramref name="threadStarted"/> runs first on it (vrrp_rt_priority makes it real-time): a
/// backup that hears its master late fails over falsely, so this path must not wait for the
/// thread pool on a saturated machine.
/// </remarks>
internal sealed class LinkSockets(LinkTable links, Action<string, byte[], int> received, DatagramBuffers buffers, ILogger log, Action? threadStarted = null) : IDisposable
{
    // How often a receive thread looks at its stop flag while no datagram comes.
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<(string Device, AddressFamily Family), Shared> _byDevice = [];
    private readonly Lock _lock = new();
    private readonly Lazy<PacketSocket> _arp = new(() => new PacketSocket());

    private sealed class Shared(VrrpSocket socket)
    {
        public VrrpSocket Socket { get; } = socket;

        public CancellationTokenSource Stop { get; } = new();

        public int Users { get; set; }
    }

    public PacketSocket Arp => _arp.Value;

    /// <summary>
    /// The interface's socket of <paramref name="family"/>, joined to 224.0.0.18 or ff02::12 when
    /// <paramref name="multicast"/>; pair with <see cref="Release"/>.
    /// </summary>
    public VrrpSocket Acquire(string device, AddressFamily family, bool multicast)
    {
        lock (_lock)
        {
            if (!_byDevice.TryGetValue((device, family), out var shared))
            {
                shared = new Shared(VrrpSocket.Open(device, links.IndexOf(device), family, multicast));
                _byDevice[(device, family)] = shared;
                var token = shared.Stop.Token;
                var socket = shared.Socket;
                var name = family == AddressFamily.InterNetworkV6 ? $"havipd rx6 {device}" : $"havipd rx {device}";
                new Thread(() => ReceiveLoop(device, socket, token)) { IsBackground = true, Name = name }.Start();
            }
            else if (multicast)
            {
                shared.Socket.JoinMulticast();
            }

            shared.Users++;
            return shared.Socket;
        }
    }

    public void Release(string device, AddressFamily family)
    {
        lock (_lock)
        {
            if (!_byDevice.TryGetValue((device, family), out var shared) || --shared.Users > 0)
                return;
            _byDevice.Remove((device, family));
            Close(shared);
        }
    }

    private void ReceiveLoop(string device, VrrpSocket socket, CancellationToken stop)
    {
        threadStarted?.Invoke();

        // Read into this thread's own buffer of the largest size, then copy into a pooled one of
        // the datagram's size class: the queued datagrams are 40-byte adverts, and buffers that
        // wait in the pool are live heap (DatagramBuffers).
        var buffer = new byte[buffers.LargeSize];
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = socket.Receive(buffer, StopCheck);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or ObjectDisposedException)
            {
                if (stop.IsCancellationRequested)
                    break;
                Log.ReceiveFailed(log, device, ex);
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
                continue;
            }

            if (n == 0)
                continue;
            var datagram = buffers.Rent(n);
            buffer.AsSpan(0, n).CopyTo(datagram);
            received(device, datagram, n);
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
