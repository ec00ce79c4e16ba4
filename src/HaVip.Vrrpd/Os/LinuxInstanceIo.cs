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
/// address stay the base interface's. With <c>use_vmac_addr</c> (or <c>use_vmac</c> on an
/// address's line) the addresses that want it live on a VMAC of their own on their interface,
/// shared through <see cref="VmacLinks"/>. Each address is announced from the interface it lives on.
/// </summary>
internal sealed class LinuxInstanceIo : IInstanceIo
{
    private readonly VrrpSocket _vrrp;
    private readonly LinkSockets _sockets;
    private readonly RouteNetlink _netlink;
    private readonly LinkTable _links;
    private readonly VmacLinks? _vmacs;
    private readonly AcceptModeFirewall? _firewall;
    private BlockedAddress[]? _blocked;
    private readonly string _device;
    private readonly string _addressDevice;
    private readonly string _receiveDevice;
    private readonly AddressFamily _family;
    private readonly bool _linkLocalByName;

    // Made for the first address VMAC: most instances have none, and an empty list per instance is memory per instance.
    private List<string>? _addressVmacs;

    // Only for instances with an address off the instance's own interface: most have none, and
    // a table per instance is memory per instance.
    private readonly Dictionary<IPAddress, string>? _deviceOf;
    private bool _disposed;

    public LinuxInstanceIo(InstancePlan plan, RouteNetlink netlink, LinkTable links, LinkSockets sockets, VmacLinks? vmacs = null, AcceptModeFirewall? firewall = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sockets);
        (_netlink, _links, _device, _sockets, _firewall) = (netlink, links, plan.Interface, sockets, firewall);
        _addressDevice = plan.Interface;
        _receiveDevice = plan.ReceiveInterface;
        _family = plan.Options.PrimaryAddress.AddressFamily;
        _linkLocalByName = plan.LinkLocalByName;
        _vmacs = vmacs;
        if (plan.Vmac is { } vmac && vmacs is not null)
        {
            var otherFamily = plan.Options.ExcludedAddresses.Any(a => a.Address.AddressFamily != _family);
            vmacs.Create(vmac, plan.Interface, plan.Options.VirtualRouterId, plan.Options.PrimaryAddress, otherFamily);
            _addressDevice = vmac.Name;
        }

        try
        {
            _deviceOf = Devices(plan);
            _vrrp = sockets.Acquire(_receiveDevice, _family, multicast: plan.Options.UnicastPeers.Count == 0);
        }
        catch
        {
            ReleaseVmacs();
            throw;
        }
    }

    /// <summary>Where each address lives when that is not the instance's interface or VMAC; null when all live there.</summary>
    private Dictionary<IPAddress, string>? Devices(InstancePlan plan)
    {
        var all = plan.Options.VirtualAddresses.Concat(plan.Options.ExcludedAddresses);
        if (!all.Any(a => a.Device is not null || a.VmacOn is not null || a.Address.AddressFamily != _family))
            return null;
        var devices = new Dictionary<IPAddress, string>();
        var made = new Dictionary<(string, AddressFamily), string>();
        foreach (var a in all)
        {
            // keepalived 2.2.7 (vrrp.c, vrrp_complete_instance): an address of the instance's family
            // on the instance's interface, named or not, goes on its VMAC; one of the other family
            // without its own VMAC on the interface itself.
            var device = (a.Device is null || a.Device == _device) && a.Address.AddressFamily == _family ? _addressDevice : a.Device ?? _device;
            if (a.VmacOn is { } onBase && _vmacs is not null)
            {
                if (!made.TryGetValue((onBase, a.Address.AddressFamily), out var vmac))
                {
                    vmac = _vmacs.AcquireAddressVmac(onBase, a.Address.AddressFamily, plan.Options.VirtualRouterId, plan.AddressVmacPrefix);
                    (_addressVmacs ??= []).Add(vmac);
                    made[(onBase, a.Address.AddressFamily)] = vmac;
                }

                device = vmac;
            }

            devices[a.Address] = device;
        }

        return devices;
    }

    private string DeviceOf(IPAddress address) => _deviceOf is not null && _deviceOf.TryGetValue(address, out var device) ? device : _addressDevice;

    private void ReleaseVmacs()
    {
        foreach (var name in _addressVmacs ?? [])
            _vmacs?.ReleaseAddressVmac(name);
        _addressVmacs = null;
        if (_addressDevice != _device)
            _vmacs?.Remove(_addressDevice, _device);
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
        var link = _links.Get(DeviceOf(address));
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

    public void AddAddress(VirtualAddress address) => _netlink.AddAddress(Spec(address));

    public void RemoveAddress(VirtualAddress address) => _netlink.RemoveAddress(Spec(address));

    private AddressSpec Spec(VirtualAddress address)
    {
        var device = DeviceOf(address.Address);
        return KernelSpecs.Address(address, _ => _links.IndexOf(device), device);
    }

    public void AddRoute(VirtualRoute route) => _netlink.AddRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void RemoveRoute(VirtualRoute route) => _netlink.RemoveRoute(KernelSpecs.Route(route, _links.IndexOf));

    public void AddRule(VirtualRule rule) => _netlink.AddRule(KernelSpecs.Rule(rule));

    public void RemoveRule(VirtualRule rule) => _netlink.RemoveRule(KernelSpecs.Rule(rule));

    public void BlockTraffic(IReadOnlyList<VirtualAddress> addresses)
    {
        if (_firewall is null || _blocked is not null)
            return;
        _blocked = [.. addresses.Select(Blocked)];
        _firewall.Block(_blocked);
    }

    /// <summary>A link-local IPv6 VIP is dropped only on the interface it lives on, keyed as keepalived keys it (<see cref="InstancePlan.LinkLocalByName"/>).</summary>
    private BlockedAddress Blocked(VirtualAddress a)
    {
        if (!a.Address.IsIPv6LinkLocal)
            return new BlockedAddress(a.Address);
        var device = DeviceOf(a.Address);
        return _linkLocalByName && (device == _addressDevice || a.NoTrack) ? new BlockedAddress(a.Address, 0, device) : new BlockedAddress(a.Address, _links.IndexOf(device));
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
        ReleaseVmacs();
    }
}
