using System.Collections.Concurrent;
using System.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

/// <summary>Records what an instance asks of the OS, without sockets.</summary>
internal sealed class FakeInstanceIo : IInstanceIo
{
    public ConcurrentQueue<(byte[] Datagram, IPAddress Destination)> Adverts { get; } = new();

    public ConcurrentQueue<IPAddress> Garps { get; } = new();

    public ConcurrentQueue<string> AddressOps { get; } = new();

    /// <summary>Priority byte of every advert sent so far (offset 20 + 2 in the datagram).</summary>
    public List<byte> SentPriorities => Adverts.Select(a => a.Datagram[22]).ToList();

    public void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination) => Adverts.Enqueue((datagram.ToArray(), destination));

    public void SendGratuitousArp(IPAddress address) => Garps.Enqueue(address);

    public void AddAddress(VirtualAddress address) => AddressOps.Enqueue($"+{address.Address}");

    public void RemoveAddress(VirtualAddress address) => AddressOps.Enqueue($"-{address.Address}");

    public void AddRoute(VirtualRoute route) => AddressOps.Enqueue($"+route {route.Destination}");

    public void RemoveRoute(VirtualRoute route) => AddressOps.Enqueue($"-route {route.Destination}");

    public void AddRule(VirtualRule rule) => AddressOps.Enqueue($"+rule {rule.Priority}");

    public void RemoveRule(VirtualRule rule) => AddressOps.Enqueue($"-rule {rule.Priority}");

    public void BlockTraffic(IReadOnlyList<VirtualAddress> addresses) => AddressOps.Enqueue($"+drop {string.Join(',', addresses.Select(a => a.Address))}");

    public void UnblockTraffic(IReadOnlyList<VirtualAddress> addresses) => AddressOps.Enqueue($"-drop {string.Join(',', addresses.Select(a => a.Address))}");

    public void Dispose()
    {
    }
}
