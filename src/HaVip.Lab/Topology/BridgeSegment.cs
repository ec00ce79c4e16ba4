using System.Globalization;

namespace HaVip.Lab.Topology;

/// <summary>
/// One layer-2 segment without VXLAN: a bridge in a namespace of its own, and members plugged
/// into it, each an existing namespace whose device is one end of a veth whose other end is a
/// port of the bridge. Nothing lands in the machine's own namespace, so deleting the namespaces
/// removes every link.
/// </summary>
public sealed class BridgeSegment(NetnsCommands netns, string switchNetns)
{
    private const string Bridge = "br0";
    private int _ports;

    /// <summary>The namespace that holds the bridge.</summary>
    public string Netns => switchNetns;

    public async Task CreateAsync(CancellationToken ct)
    {
        await netns.CreateAsync(switchNetns, ct);
        await netns.IpAsync(switchNetns, ct, "link", "add", Bridge, "type", "bridge");
        await netns.IpAsync(switchNetns, ct, "link", "set", Bridge, "up");
    }

    /// <summary>Gives <paramref name="member"/> a device on the segment with its address, up.</summary>
    public async Task PlugAsync(string member, SegmentPort port, CancellationToken ct)
    {
        var peer = "p" + Interlocked.Increment(ref _ports).ToString(CultureInfo.InvariantCulture);
        string[] mac = port.Mac is null ? [] : ["address", port.Mac];
        string[] mtu = port.Mtu is null ? [] : ["mtu", port.Mtu];
        await netns.IpAsync(member, ct, ["link", "add", port.Device, .. mac, .. mtu, "type", "veth", "peer", "name", peer, .. mtu, "netns", switchNetns]);
        await netns.IpAsync(member, ct, "addr", "add", port.Address, "dev", port.Device);
        await netns.IpAsync(member, ct, "link", "set", port.Device, "up");
        await netns.IpAsync(switchNetns, ct, "link", "set", peer, "master", Bridge, "up");
    }
}

/// <param name="Device">The member's device name (eth0).</param>
/// <param name="Address">Its address with prefix length (10.77.0.1/24).</param>
/// <param name="Mac">A fixed MAC (an inventory NIC's), or the kernel's random one.</param>
/// <param name="Mtu">Both veth ends' MTU, or the default 1500.</param>
public sealed record SegmentPort(string Device, string Address, string? Mac = null, string? Mtu = null);
