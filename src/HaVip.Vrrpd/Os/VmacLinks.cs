using HaVip.Linux.Netlink;
using HaVip.Net.Ethernet;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The VMAC interfaces of <c>use_vmac</c> and <c>use_vmac_addr</c>, as keepalived 2.2.7 makes
/// them (vrrp_vmac.c, vrrp_if_config.c): a private-mode macvlan with MAC 00:00:5e:00:01:VRID
/// (IPv6: 00:00:5e:00:02:VRID), up. An IPv4 one gets arp_ignore=1, accept_local=1, rp_filter=0
/// and promote_secondaries=1, and its base interface arp_ignore=1 and arp_filter=1 (so the base
/// does not answer ARP for the VIPs the VMAC holds), restored when its last IPv4 VMAC goes.
/// </summary>
internal sealed class VmacLinks(RouteNetlink netlink, LinkTable links, ILogger log)
{
    private const string Conf = "/proc/sys/net/ipv4/conf";
    private const string Conf6 = "/proc/sys/net/ipv6/conf";
    private readonly Dictionary<string, (int Users, string? ArpIgnore, string? ArpFilter)> _bases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Base, int Users, bool Owned)> _addressVmacs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _holdingBase = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Names the instances' own VMACs go by: a VMAC made for addresses never takes one.</summary>
    public void Reserve(IEnumerable<string> names)
    {
        lock (_lock)
            _reserved.UnionWith(names);
    }

    /// <summary>
    /// Creates the instance's VMAC (replacing a leftover of the same name) and returns it. An IPv6
    /// instance's (00:00:5e:00:02:VRID) gets no link-local address of the kernel's making but
    /// <paramref name="source"/>, the advert source (the base's link-local address or
    /// unicast_src_ip), as keepalived 2.2.7 does (vrrp_vmac.c, set_link_local_address): the adverts
    /// leave from the VMAC with the address the peers know, and its own MAC.
    /// </summary>
    public LinkInfo Create(VmacConfig vmac, string baseDevice, int virtualRouterId, System.Net.IPAddress source, bool otherFamily = false)
    {
        ArgumentNullException.ThrowIfNull(vmac);
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
            return Make(vmac.Name, baseDevice, virtualRouterId, source.AddressFamily, vmac.TransmitFromBase ? null : source, otherFamily);
    }

    /// <summary>
    /// The VMAC on <paramref name="baseDevice"/> for addresses of <paramref name="family"/> that
    /// want one of their own (use_vmac_addr): shared by every address and instance of that VRID
    /// on that interface, and found again if a killed daemon left it (a private macvlan on that
    /// base with that MAC), as keepalived's if_get_by_vmac finds it; else made under the first
    /// free name of keepalived's create_vmac_name, starting with <paramref name="prefix"/>
    /// (<c>vmac_addr_prefix</c>, else <c>vmac_prefix</c>, else <c>vrrp</c>). Pair with <see cref="ReleaseAddressVmac"/>.
    /// </summary>
    public string AcquireAddressVmac(string baseDevice, System.Net.Sockets.AddressFamily family, int virtualRouterId, string prefix = "vrrp")
    {
        lock (_lock)
        {
            var mac = Mac(family, virtualRouterId);
            var baseIndex = links.IndexOf(baseDevice);
            foreach (var (held, entry) in _addressVmacs)
            {
                if (entry.Base == baseDevice && links.TryGet(held, out var l) && l!.Mac == mac)
                {
                    _addressVmacs[held] = entry with { Users = entry.Users + 1 };
                    return held;
                }
            }

            // An instance's own VMAC there (use_vmac on that interface, same VRID) is shared, not ours.
            var all = netlink.GetLinks();
            var found = all.FirstOrDefault(l => l.IsPrivateMacvlan && l.LinkIndex == baseIndex && l.Mac == mac)?.Name;
            if (found is not null && _reserved.Contains(found))
            {
                links.Set(all.First(l => l.Name == found));
                _addressVmacs[found] = (baseDevice, 1, false);
                return found;
            }

            var name = found ?? VmacConfig.FreeName(prefix, virtualRouterId, family, n => _reserved.Contains(n) || all.Any(l => l.Name == n));
            // keepalived gives an IPv6 one the base's link-local address too (set_link_local_address).
            var linkLocal = family == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? HaVip.Linux.Links.InterfaceAddresses.Primary(HaVip.Linux.Links.InterfaceAddresses.ByInterface(), baseDevice, family, [])
                : null;
            Make(name, baseDevice, virtualRouterId, family, linkLocal);
            _addressVmacs[name] = (baseDevice, 1, true);
            return name;
        }
    }

    /// <summary>Deletes an address VMAC once its last user releases it.</summary>
    public void ReleaseAddressVmac(string name)
    {
        lock (_lock)
        {
            if (!_addressVmacs.TryGetValue(name, out var entry))
                return;
            if (entry.Users > 1)
            {
                _addressVmacs[name] = entry with { Users = entry.Users - 1 };
                return;
            }

            _addressVmacs.Remove(name);
            if (entry.Owned)
                Remove(name, entry.Base);
        }
    }

    private static MacAddress Mac(System.Net.Sockets.AddressFamily family, int virtualRouterId) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? MacAddress.VrrpIPv6((byte)virtualRouterId) : MacAddress.VrrpIPv4((byte)virtualRouterId);

    /// <summary>
    /// As keepalived 2.2.7 leaves it (seen with `ip -d link` and `ip addr` in a namespace): made
    /// down, <c>addrgenmode none</c> (no link-local address made from the virtual MAC, which every
    /// router of the VRID shares), then up. IPv4: keepalived's sysctls and no IPv6 at all unless
    /// <paramref name="keepIpv6"/> (the instance has eVIPs of the other family). IPv6:
    /// <paramref name="linkLocal"/> as its own, /64, deprecated and without DAD, as keepalived adds it.
    /// </summary>
    private LinkInfo Make(string name, string baseDevice, int virtualRouterId, System.Net.Sockets.AddressFamily family, System.Net.IPAddress? linkLocal, bool keepIpv6 = false)
    {
        var mac = Mac(family, virtualRouterId);
        var ipv6 = family == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (!netlink.AddMacvlan(name, links.IndexOf(baseDevice), mac, LinkMessages.MacvlanModePrivate, up: false))
        {
            // A leftover of a havipd that was killed: made anew, so its MAC and mode are ours.
            // Any other kind of interface is not ours to delete (the config check has already
            // replaced a given name; this is vrrp.VRID taken, or a name taken since).
            if (netlink.GetLinks().FirstOrDefault(l => l.Name == name) is { } old)
            {
                if (!old.IsPrivateMacvlan)
                    throw new InvalidOperationException($"interface {name} already exists and is not a private macvlan; havipd leaves it alone");
                netlink.DeleteLink(old.Index);
            }

            netlink.AddMacvlan(name, links.IndexOf(baseDevice), mac, LinkMessages.MacvlanModePrivate, up: false);
        }

        var index = netlink.GetLinks().First(l => l.Name == name).Index;
        if (!ipv6)
        {
            foreach (var (key, value) in new[] { ("arp_ignore", "1"), ("accept_local", "1"), ("rp_filter", "0"), ("promote_secondaries", "1") })
                Write(name, key, value);
            if (!keepIpv6)
                Write(name, "disable_ipv6", "1", Conf6);
            if (_holdingBase.Add(name))
                HoldBase(baseDevice);
        }

        netlink.SetLinkUp(index, LinkMessages.AddrGenModeNone);
        if (ipv6 && linkLocal is not null)
            netlink.AddAddress(new AddressSpec(linkLocal, 64, index) { PreferredLifetime = 0 });
        var link = netlink.GetLinks().First(l => l.Name == name);
        links.Set(link);
        return link;
    }

    /// <summary>Deletes the VMAC (its addresses go with it) and gives the base its ARP settings back after its last VMAC.</summary>
    public void Remove(string name, string baseDevice)
    {
        lock (_lock)
        {
            if (netlink.GetLinks().FirstOrDefault(l => l.Name == name) is { } link)
                netlink.DeleteLink(link.Index);
            if (!_holdingBase.Remove(name) || !_bases.TryGetValue(baseDevice, out var held))
                return;
            if (held.Users > 1)
            {
                _bases[baseDevice] = held with { Users = held.Users - 1 };
                return;
            }

            _bases.Remove(baseDevice);
            Write(baseDevice, "arp_ignore", held.ArpIgnore);
            Write(baseDevice, "arp_filter", held.ArpFilter);
        }
    }

    private void HoldBase(string baseDevice)
    {
        if (_bases.TryGetValue(baseDevice, out var held))
        {
            _bases[baseDevice] = held with { Users = held.Users + 1 };
            return;
        }

        _bases[baseDevice] = (1, Read(baseDevice, "arp_ignore"), Read(baseDevice, "arp_filter"));
        Write(baseDevice, "arp_ignore", "1");
        Write(baseDevice, "arp_filter", "1");
    }

    private static string? Read(string device, string key)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Conf, device, key)).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The interface's directory is its real name, dots included (only sysctl(8) maps dots to slashes).
    private void Write(string device, string key, string? value, string conf = Conf)
    {
        if (value is null)
            return;
        try
        {
            File.WriteAllText(Path.Combine(conf, device, key), value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Problem(log, $"{device}: cannot set {key}={value}: {ex.Message}");
        }
    }
}
