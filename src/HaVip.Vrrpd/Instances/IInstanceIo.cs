using System.Net;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// The operating system as one instance sees it for sending; Linux in production, a fake in unit
/// tests. Receiving is per interface, shared by its instances (<see cref="InstanceLoop.PostDatagram"/>).
/// </summary>
internal interface IInstanceIo : IDisposable
{
    /// <summary>Sends a complete IPv4 or IPv6 VRRP datagram (header included).</summary>
    void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination);

    /// <summary>Announces <paramref name="address"/>: a gratuitous ARP, or for IPv6 an unsolicited Neighbor Advertisement.</summary>
    void SendGratuitousArp(IPAddress address);

    void AddAddress(VirtualAddress address);

    void RemoveAddress(VirtualAddress address);

    void AddRoute(VirtualRoute route);

    void RemoveRoute(VirtualRoute route);

    void AddRule(VirtualRule rule);

    void RemoveRule(VirtualRule rule);

    /// <summary>Accept mode off: traffic to and from the addresses is dropped while they are ours (before they are added).</summary>
    void BlockTraffic(IReadOnlyList<VirtualAddress> addresses);

    /// <summary>The drop rule of <see cref="BlockTraffic"/> goes (after the addresses); nothing if it was not set.</summary>
    void UnblockTraffic(IReadOnlyList<VirtualAddress> addresses);
}
