using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;

namespace HaVip.Lab.Topology;

/// <summary>
/// An instance as a namespace: each NIC a veth named as in the inventory (eth0, eth1) with the
/// inventory's MAC and IP, its other end in the host namespace under the agent's port name.
/// </summary>
public sealed class VmBuilder(NetnsCommands netns, LabNames names)
{
    /// <summary>VXLAN costs 50 bytes of the underlay's 1500.</summary>
    public const string Mtu = "1450";

    /// <summary>A dual-stack subnet's IPv6 prefix is always a /64.</summary>
    private const int Ipv6Prefix = 64;

    public async Task CreateAsync(InstanceDto instance, string host, IReadOnlyList<SubnetDto> subnets, CancellationToken ct)
    {
        var vm = names.Vm(instance.Name);
        await netns.CreateAsync(vm, ct);
        foreach (var nic in instance.Nics)
        {
            var subnet = subnets.First(s => s.Id == nic.SubnetId);
            var prefix = subnet.Cidr.Split('/')[1];
            var port = PortNames.HostSide(instance.Id, nic.Device);
            await netns.IpAsync(vm, ct, "link", "add", nic.Device, "address", nic.MacAddress, "mtu", Mtu, "type", "veth", "peer", "name", port, "mtu", Mtu, "netns", names.Host(host));
            await netns.IpAsync(vm, ct, "addr", "add", $"{nic.IpAddress}/{prefix}", "dev", nic.Device);
            if (nic.Ipv6Address is { } ipv6)
            {
                await EnableIpv6Async(vm, nic.Device, ipv6, ct);
            }
            await netns.IpAsync(vm, ct, "link", "set", nic.Device, "up");
        }
    }

    /// <summary>
    /// IPv6 on a dual-stack NIC only (the namespace starts with IPv6 off, <see cref="NetnsCommands.QuietAsync"/>):
    /// the kernel's EUI-64 link-local address (the one the agent allows), the inventory's address,
    /// no duplicate address detection, so both are usable as soon as the link has carrier instead
    /// of tentative for a second, and no router solicitations (the lab has no router). The address
    /// stays across a link down and up (`keep_addr_on_down`), as a configured address does on a
    /// real instance; without it the kernel drops every IPv6 address at link down, and a test that
    /// failed an instance's link left it without one for every later IPv6 test.
    /// </summary>
    private async Task EnableIpv6Async(string vm, string device, string address, CancellationToken ct)
    {
        await netns.ExecAsync(vm, ct, "sysctl", "-q", "-w", $"net.ipv6.conf.{device}.accept_dad=0", $"net.ipv6.conf.{device}.accept_ra=0",
            $"net.ipv6.conf.{device}.keep_addr_on_down=1", $"net.ipv6.conf.{device}.addr_gen_mode=0", $"net.ipv6.conf.{device}.disable_ipv6=0");
        await netns.IpAsync(vm, ct, "-6", "addr", "add", $"{address}/{Ipv6Prefix}", "dev", device, "nodad");
    }
}
