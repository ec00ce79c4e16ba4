using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Links;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Net.Ndp;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// One instance's view of its interface's shared sockets, and the shared netlink socket for
/// addresses, routes and rules. With <c>use_vmac</c> the instance owns its VMAC: the VIPs without a
/// <c>dev</c> go on it, gratuitous ARPs leave from it with its MAC, and adverts are sent and received
/// on it unless <c>vmac_xmit_base</c> (as keepalived does); link tracking and the advert's source
/// address stay the base interface's.
/// </summary>
internal sealed class LinuxInstanceIo : IInstanceIo
{
    private readonly VrrpSocket _vrrp;
    private readonly LinkSockets _sockets;
    private readonly RouteNetlink _netlink;
    private readonly LinkTable _links;
    private readonly VmacLinks? _vmacs;
    private readonly AcceptModeFirewall? _firewall;
    private IPAddress[]? _blocked;
    private readonly string _device;
    private readonly string _addressDevice;
    private readonly string _receiveDevice;
    private readonly AddressFamily _family;
    private bool _disposed;

    public LinuxInstanceIo(InstancePlan plan, RouteNetlink netlink, LinkTable links, LinkSockets sockets, VmacLinks? vmacs = null, AcceptModeFirewall? firewall = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sockets);
        (_netlink, _links, _device, _sockets, _firewall) = (netlink, links, plan.Interface, sockets, firewall);
        _addressDevice = plan.Interface;
        _receiveDevice = plan.ReceiveInterface;
        _family = plan.Options.PrimaryAddress.AddressFamily;
        if (plan.Vmac is { } vmac && vmacs is not null)
        {
            vmacs.Create(vmac, plan.Interface, plan.Options.VirtualRouterId);
            (_vmacs, _addressDevice) = (vmacs, vmac.Name);
        }

        try
        {
            _vrrp = sockets.Acquire(_receiveDevice, _family, multicast: plan.Options.UnicastPeers.Count == 0);
        }
        catch
        {
            _vmacs?.Remove(_addressDevice, _device);
            throw;
        }
    }

    public void SendAdvert(ReadOnlySpan<byte> datagram, IPAddress destination) => _vrrp.Send(datagram, destination);

    /// <summary>
    /// The MAC is read at send time: the VMAC's, else the interface's own. An IPv6 address gets
    /// IPv6's gratuitous ARP, an unsolicited Neighbor Advertisement with the override flag (RFC 5798
    /// section 8.2, RFC 4861 section 7.2.6), built as keepalived 2.2.7's (vrrp_ndisc.c): from the
    /// address to ff02::1, the router flag as the interface's IPv6 <c>forwarding</c> says at send time.
    /// </summary>
    public void SendGratuitousArp(IPAddress address)
    {
        var link = _links.Get(_addressDevice);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            _sockets.Arp.SendArp(GratuitousArp.Create(link.Mac, address), link.Index);
            return;
        }

        var advert = NeighborAdvertisement.CreateClaim(link.Mac, address, router: Ipv6Forwarding.IsOn(link.Name));
        Span<byte> frame = stackalloc byte[advert.Length];
        if (!advert.TryWrite(frame, NeighborAdvertisement.AllNodesMac, out var written))
            throw new InvalidOperationException("Neighbor Advertisement cannot be encoded");
        _sockets.Arp.Send(frame[..written], link.Index);
    }

    public void AddAddress(VirtualAddress address) => _netlink.AddAddress(KernelSpecs.Address(address, _links.IndexOf, _addressDevice));

    public void RemoveAddress(VirtualAddress address) => _netlink.RemoveAddress(KernelSpecs.Address(address, _links.IndexOf, _addressDevice));

    public void AddRoute(VirtualRoute route) => _netlink.AddRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void RemoveRoute(VirtualRoute route) => _netlink.RemoveRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void AddRule(VirtualRule rule) => _netlink.AddRule(KernelSpecs.Rule(rule));

    public void RemoveRule(VirtualRule rule) => _netlink.RemoveRule(KernelSpecs.Rule(rule));

    public void BlockTraffic(IReadOnlyList<VirtualAddress> addresses)
    {
        if (_firewall is null || _blocked is not null)
            return;
        _blocked = [.. addresses.Select(a => a.Address)];
        _firewall.Block(_blocked);
    }

    public void UnblockTraffic(IReadOnlyList<VirtualAddress> addresses)
    {
        if (_firewall is null || _blocked is null)
            return;
        _firewall.Unblock(_blocked);
        _blocked = null;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        UnblockTraffic([]);
        _sockets.Release(_receiveDevice, _family);
        _vmacs?.Remove(_addressDevice, _device);
    }
}
