using System.Net;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Os;

/// <summary>One instance's sockets on its interface, and the shared netlink socket for addresses and routes.</summary>
internal sealed class LinuxInstanceIo : IInstanceIo
{
    private readonly VrrpSocket _vrrp;
    private readonly PacketSocket _packet;
    private readonly RouteNetlink _netlink;
    private readonly LinkTable _links;
    private readonly string _device;

    public LinuxInstanceIo(InstancePlan plan, RouteNetlink netlink, LinkTable links)
    {
        ArgumentNullException.ThrowIfNull(plan);
        (_netlink, _links, _device) = (netlink, links, plan.Interface);
        var index = links.IndexOf(plan.Interface);
        _vrrp = new VrrpSocket(plan.Interface, index, joinMulticast: plan.Options.UnicastPeers.Count == 0);
        _packet = new PacketSocket(index);
    }

    public void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination) => _vrrp.Send(datagram, destination);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _vrrp.ReceiveAsync(buffer, cancellationToken);

    /// <summary>The MAC is read at send time: it is the interface's own (havipd, like keepalived by default, uses no VMAC).</summary>
    public void SendGratuitousArp(IPAddress address) =>
        _packet.SendArp(GratuitousArp.Create(_links.Get(_device).Mac, address));

    public void AddAddress(VirtualAddress address) => _netlink.AddAddress(KernelSpecs.Address(address, _links.IndexOf, _device));

    public void RemoveAddress(VirtualAddress address) => _netlink.RemoveAddress(KernelSpecs.Address(address, _links.IndexOf, _device));

    public void AddRoute(VirtualRoute route) => _netlink.AddRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void RemoveRoute(VirtualRoute route) => _netlink.RemoveRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void Dispose()
    {
        _vrrp.Dispose();
        _packet.Dispose();
    }
}
