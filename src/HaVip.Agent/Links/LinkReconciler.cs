using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Links;

/// <summary>
/// Makes the host's devices match: per subnet a bridge and a VXLAN device with head-end
/// replication to the other hosts, each instance port in its subnet's bridge. Reads the kernel
/// first and changes only what differs, so reconciling an unchanged state runs no change.
/// Returns why ports could not be plugged (port name → reason).
/// </summary>
internal sealed class LinkReconciler(CommandRunner commands, string underlayIp)
{
    private const string Ip = "ip";
    private const string Bridge = "bridge";
    private const string VxlanPort = "4789";

    public async Task<Dictionary<string, string>> ReconcileAsync(DesiredStateDto state, CancellationToken ct)
    {
        var links = (await ListAsync(ct)).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subnet in state.Subnets)
        {
            var bridge = PortNames.Bridge(subnet.Vni);
            var vxlan = PortNames.Vxlan(subnet.Vni);
            wanted.UnionWith([bridge, vxlan]);
            await EnsureBridgeAsync(bridge, links, ct);
            await EnsureVxlanAsync(vxlan, subnet.Vni, bridge, links, ct);
            await SyncFloodAsync(vxlan, subnet.RemoteUnderlayIps, ct);
        }
        foreach (var port in state.Ports)
        {
            var subnet = state.Subnets.First(s => s.Id == port.SubnetId);
            if (!links.TryGetValue(port.PortName, out var link))
            {
                errors[port.PortName] = $"port {port.PortName} of instance {port.InstanceId} ({port.Device}) does not exist on host {state.Host}";
                continue;
            }
            var bridge = PortNames.Bridge(subnet.Vni);
            if (link.Master != bridge)
            {
                await commands.RunCheckedAsync(Ip, ["link", "set", port.PortName, "master", bridge], ct: ct);
            }
            if (!link.Up)
            {
                await commands.RunCheckedAsync(Ip, ["link", "set", port.PortName, "up"], ct: ct);
            }
        }
        await RemoveStaleAsync(links.Values, wanted, state.Ports.Select(p => p.PortName).ToHashSet(StringComparer.Ordinal), ct);
        return errors;
    }

    private async Task<IReadOnlyList<KernelLink>> ListAsync(CancellationToken ct) =>
        KernelLink.ParseAll((await commands.RunCheckedAsync(Ip, ["-j", "-d", "link", "show"], ct: ct)).Output);

    private async Task EnsureBridgeAsync(string bridge, Dictionary<string, KernelLink> links, CancellationToken ct)
    {
        if (!links.ContainsKey(bridge))
        {
            await commands.RunCheckedAsync(Ip, ["link", "add", bridge, "type", "bridge"], ct: ct);
            links[bridge] = new KernelLink(bridge, null, "bridge", false);
        }
        if (!links[bridge].Up)
        {
            await commands.RunCheckedAsync(Ip, ["link", "set", bridge, "up"], ct: ct);
        }
    }

    private async Task EnsureVxlanAsync(string vxlan, int vni, string bridge, Dictionary<string, KernelLink> links, CancellationToken ct)
    {
        if (!links.TryGetValue(vxlan, out var link))
        {
            await commands.RunCheckedAsync(Ip, ["link", "add", vxlan, "type", "vxlan", "id", vni.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "local", underlayIp, "dstport", VxlanPort], ct: ct);
            link = new KernelLink(vxlan, null, "vxlan", false);
        }
        if (link.Master != bridge)
        {
            await commands.RunCheckedAsync(Ip, ["link", "set", vxlan, "master", bridge], ct: ct);
        }
        if (!link.Up)
        {
            await commands.RunCheckedAsync(Ip, ["link", "set", vxlan, "up"], ct: ct);
        }
    }

    /// <summary>Broadcast and unknown unicast go to every other host of the subnet (head-end replication).</summary>
    private async Task SyncFloodAsync(string vxlan, IReadOnlyList<string> remotes, CancellationToken ct)
    {
        var present = FdbEntries.FloodTargets((await commands.RunCheckedAsync(Bridge, ["-j", "fdb", "show", "dev", vxlan], ct: ct)).Output);
        foreach (var remote in remotes.Where(r => !present.Contains(r)))
        {
            await commands.RunCheckedAsync(Bridge, ["fdb", "append", FdbEntries.AllZeros, "dev", vxlan, "dst", remote], ct: ct);
        }
        foreach (var stale in present.Where(p => !remotes.Contains(p)))
        {
            await commands.RunCheckedAsync(Bridge, ["fdb", "del", FdbEntries.AllZeros, "dev", vxlan, "dst", stale], ct: ct);
        }
    }

    private async Task RemoveStaleAsync(IEnumerable<KernelLink> links, HashSet<string> wanted, HashSet<string> ports, CancellationToken ct)
    {
        foreach (var link in links)
        {
            var ours = link.Name.StartsWith("hvbr", StringComparison.Ordinal) || link.Name.StartsWith("hvvx", StringComparison.Ordinal);
            if (ours && !wanted.Contains(link.Name))
            {
                await commands.RunAsync(Ip, ["link", "del", link.Name], ct: ct);
            }
            else if (link.Master is { } master && master.StartsWith("hvbr", StringComparison.Ordinal) && !ours && PortNames.IsInstancePort(link.Name) && !ports.Contains(link.Name))
            {
                // A port the server no longer places here: unplug it, but leave the device to its owner.
                await commands.RunAsync(Ip, ["link", "set", link.Name, "nomaster"], ct: ct);
            }
        }
    }
}
