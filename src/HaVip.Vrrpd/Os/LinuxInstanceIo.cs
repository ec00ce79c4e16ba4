using System.Net;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Os;

/// <summary>One instance's view of its interface's shared sockets, and the shared netlink socket for addresses and routes.</summary>
internal sealed class LinuxInstanceIo : IInstanceIo
{
    private readonly VrrpSocket _vrrp;
    private readonly LinkSockets _sockets;
    private readonly RouteNetlink _netlink;
    private readonly LinkTable _links;
    private readonly string _device;
    private bool _disposed;

    public LinuxInstanceIo(InstancePlan plan, RouteNetlink netlink, LinkTable links, LinkSockets sockets)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sockets);
        (_netlink, _links, _device, _sockets) = (netlink, links, plan.Interface, sockets);
        _vrrp = sockets.Acquire(plan.Interface, multicast: plan.Options.UnicastPeers.Count == 0);
    }

    public void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination) => _vrrp.Send(datagram, destination);

    /// <summary>The MAC is read at send time: it is the interface's own (havipd, like keepalived by default, uses no VMAC).</summary>
    public void SendGratuitousArp(IPAddress address)
    {
        var link = _links.Get(_device);
        _sockets.Arp.SendArp(GratuitousArp.Create(link.Mac, address), link.Index);
    }

    public void AddAddress(VirtualAddress address) => _netlink.AddAddress(KernelSpecs.Address(address, _links.IndexOf, _device));

    public void RemoveAddress(VirtualAddress address) => _netlink.RemoveAddress(KernelSpecs.Address(address, _links.IndexOf, _device));

    public void AddRoute(VirtualRoute route) => _netlink.AddRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void RemoveRoute(VirtualRoute route) => _netlink.RemoveRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _sockets.Release(_device);
    }
}
