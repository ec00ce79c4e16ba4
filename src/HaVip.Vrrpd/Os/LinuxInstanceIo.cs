using System.Net;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// One instance's view of its interface's shared sockets, and the shared netlink socket for
/// addresses and routes. With <c>use_vmac</c> the instance owns its VMAC: the VIPs without a
/// <c>dev</c> go on it, gratuitous ARPs leave from it with its MAC, and so do adverts unless
/// <c>vmac_xmit_base</c>; adverts are still received on the base interface (as keepalived
/// does, so link tracking and the advert's source address stay the base's).
/// </summary>
internal sealed class LinuxInstanceIo : IInstanceIo
{
    private readonly VrrpSocket _vrrp;
    private readonly VrrpSocket? _vmacSend;
    private readonly LinkSockets _sockets;
    private readonly RouteNetlink _netlink;
    private readonly LinkTable _links;
    private readonly VmacLinks? _vmacs;
    private readonly string _device;
    private readonly string _addressDevice;
    private bool _disposed;

    public LinuxInstanceIo(InstancePlan plan, RouteNetlink netlink, LinkTable links, LinkSockets sockets, VmacLinks? vmacs = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sockets);
        (_netlink, _links, _device, _sockets) = (netlink, links, plan.Interface, sockets);
        _addressDevice = plan.Interface;
        _vrrp = sockets.Acquire(plan.Interface, multicast: plan.Options.UnicastPeers.Count == 0);
        if (plan.Vmac is not { } vmac || vmacs is null)
            return;
        try
        {
            var link = vmacs.Create(vmac, plan.Interface, plan.Options.VirtualRouterId);
            (_vmacs, _addressDevice) = (vmacs, vmac.Name);
            if (!vmac.TransmitFromBase)
                _vmacSend = new VrrpSocket(vmac.Name, link.Index, joinMulticast: false);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination) => (_vmacSend ?? _vrrp).Send(datagram, destination);

    /// <summary>The MAC is read at send time: the VMAC's, else the interface's own.</summary>
    public void SendGratuitousArp(IPAddress address)
    {
        var link = _links.Get(_addressDevice);
        _sockets.Arp.SendArp(GratuitousArp.Create(link.Mac, address), link.Index);
    }

    public void AddAddress(VirtualAddress address) => _netlink.AddAddress(KernelSpecs.Address(address, _links.IndexOf, _addressDevice));

    public void RemoveAddress(VirtualAddress address) => _netlink.RemoveAddress(KernelSpecs.Address(address, _links.IndexOf, _addressDevice));

    public void AddRoute(VirtualRoute route) => _netlink.AddRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void RemoveRoute(VirtualRoute route) => _netlink.RemoveRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _sockets.Release(_device);
        _vmacSend?.Dispose();
        _vmacs?.Remove(_addressDevice, _device);
    }
}
