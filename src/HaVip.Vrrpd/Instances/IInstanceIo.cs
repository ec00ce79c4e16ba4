using System.Net;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Instances;

/// <summary>The operating system as one instance sees it; Linux in production, a fake in unit tests.</summary>
internal interface IInstanceIo : IDisposable
{
    /// <summary>Sends a complete IPv4 VRRP datagram (header included).</summary>
    void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination);

    /// <summary>Receives the next IPv4 datagram carrying protocol 112, header included.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    void SendGratuitousArp(IPAddress address);

    void AddAddress(VirtualAddress address);

    void RemoveAddress(VirtualAddress address);

    void AddRoute(VirtualRoute route);

    void RemoveRoute(VirtualRoute route);
}
