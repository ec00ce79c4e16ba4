using HaVip.Linux.Netlink;
using HaVip.Net.Ethernet;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The VMAC interfaces of <c>use_vmac</c>, as keepalived 2.2.7 makes them (vrrp_vmac.c,
/// vrrp_if_config.c): a private-mode macvlan on the instance's interface with MAC
/// 00:00:5e:00:01:VRID, up, with arp_ignore=1, accept_local=1, rp_filter=0 and
/// promote_secondaries=1; its base interface gets arp_ignore=1 and arp_filter=1 (so the base
/// does not answer ARP for the VIPs the VMAC holds), restored when its last VMAC goes.
/// </summary>
internal sealed class VmacLinks(RouteNetlink netlink, LinkTable links, ILogger log)
{
    private const string Conf = "/proc/sys/net/ipv4/conf";
    private readonly Dictionary<string, (int Users, string? ArpIgnore, string? ArpFilter)> _bases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the VMAC (replacing a leftover of the same name) and returns it.</summary>
    public LinkInfo Create(VmacConfig vmac, string baseDevice, int virtualRouterId)
    {
        ArgumentNullException.ThrowIfNull(vmac);
        var mac = MacAddress.VrrpIPv4((byte)virtualRouterId);
        lock (_lock)
        {
            if (!netlink.AddMacvlan(vmac.Name, links.IndexOf(baseDevice), mac, LinkMessages.MacvlanModePrivate))
            {
                // A leftover of a havipd that was killed: made anew, so its MAC and mode are ours.
                // Any other kind of interface is not ours to delete (the config check has already
                // replaced a given name; this is vrrp.VRID taken, or a name taken since).
                if (netlink.GetLinks().FirstOrDefault(l => l.Name == vmac.Name) is { } old)
                {
                    if (!old.IsPrivateMacvlan)
                        throw new InvalidOperationException($"interface {vmac.Name} already exists and is not a private macvlan; havipd leaves it alone");
                    netlink.DeleteLink(old.Index);
                }

                netlink.AddMacvlan(vmac.Name, links.IndexOf(baseDevice), mac, LinkMessages.MacvlanModePrivate);
            }

            var link = netlink.GetLinks().First(l => l.Name == vmac.Name);
            links.Set(link);
            foreach (var (key, value) in new[] { ("arp_ignore", "1"), ("accept_local", "1"), ("rp_filter", "0"), ("promote_secondaries", "1") })
                Write(vmac.Name, key, value);
            HoldBase(baseDevice);
            return link;
        }
    }

    /// <summary>Deletes the VMAC (its addresses go with it) and gives the base its ARP settings back after its last VMAC.</summary>
    public void Remove(string name, string baseDevice)
    {
        lock (_lock)
        {
            if (netlink.GetLinks().FirstOrDefault(l => l.Name == name) is { } link)
                netlink.DeleteLink(link.Index);
            if (!_bases.TryGetValue(baseDevice, out var held))
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
    private void Write(string device, string key, string? value)
    {
        if (value is null)
            return;
        try
        {
            File.WriteAllText(Path.Combine(Conf, device, key), value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Problem(log, $"{device}: cannot set {key}={value}: {ex.Message}");
        }
    }
}
