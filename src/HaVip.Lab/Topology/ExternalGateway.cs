using HaVip.Contracts.Agents;

namespace HaVip.Lab.Topology;

/// <summary>
/// The external subnet's router: a namespace at the subnet's gateway address, plugged into the
/// subnet's bridge on one host like a router port (no anti-spoofing: it forwards for others),
/// with a client beyond it on 172.31.0.0/24 that reaches external VIPs through it.
/// </summary>
public sealed class ExternalGateway(NetnsCommands netns, LabNames names)
{
    public const string GatewayName = "gateway";
    public const string OutsideName = "outside";
    private const string OutsideGateway = "172.31.0.1";

    public static string PortName(int vni) => $"gw{vni}";

    public async Task CreateAsync(SubnetStateDto subnet, string host, CancellationToken ct)
    {
        var gw = names.Vm(GatewayName);
        var outside = names.Vm(OutsideName);
        foreach (var ns in new[] { gw, outside })
        {
            await netns.CreateAsync(ns, ct);
        }
        var port = PortName(subnet.Vni);
        var prefix = subnet.Cidr.Split('/')[1];
        await netns.IpAsync(gw, ct, "link", "add", "eth0", "mtu", VmBuilder.Mtu, "type", "veth", "peer", "name", port, "mtu", VmBuilder.Mtu, "netns", names.Host(host));
        await netns.IpAsync(gw, ct, "addr", "add", $"{subnet.Gateway}/{prefix}", "dev", "eth0");
        await netns.IpAsync(gw, ct, "link", "add", "eth1", "mtu", VmBuilder.Mtu, "type", "veth", "peer", "name", "eth0", "mtu", VmBuilder.Mtu, "netns", outside);
        await netns.IpAsync(gw, ct, "addr", "add", OutsideGateway + "/24", "dev", "eth1");
        await netns.IpAsync(outside, ct, "addr", "add", "172.31.0.2/24", "dev", "eth0");
        foreach (var (ns, device) in new[] { (gw, "eth0"), (gw, "eth1"), (outside, "eth0") })
        {
            await netns.IpAsync(ns, ct, "link", "set", device, "up");
        }
        await netns.IpAsync(outside, ct, "route", "add", "default", "via", OutsideGateway);
        await netns.ExecAsync(gw, ct, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // The agent made the bridge; a router port is plugged by the platform, not by the agent.
        await netns.IpAsync(names.Host(host), ct, "link", "set", port, "master", PortNames.Bridge(subnet.Vni), "up");
    }
}
