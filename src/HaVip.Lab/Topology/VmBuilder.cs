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
            await netns.IpAsync(vm, ct, "link", "set", nic.Device, "up");
        }
    }
}
