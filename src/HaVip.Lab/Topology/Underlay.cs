using System.Globalization;

namespace HaVip.Lab.Topology;

/// <summary>
/// The physical network between hypervisors: one namespace with a bridge, each host namespace
/// joined to it by a veth ("ul0") with an address in 10.255.0.0/24. VXLAN runs over it.
/// </summary>
public sealed class Underlay(NetnsCommands netns, LabNames names)
{
    public const string Device = "ul0";
    private const string Bridge = "ul";

    public static string AddressOf(int hostIndex) => $"10.255.0.{11 + hostIndex}";

    public async Task CreateAsync(CancellationToken ct)
    {
        await netns.AddAsync(names.Underlay, ct);
        await netns.IpAsync(names.Underlay, ct, "link", "add", Bridge, "type", "bridge");
        await netns.IpAsync(names.Underlay, ct, "link", "set", Bridge, "up");
    }

    public async Task AddHostAsync(string host, int index, CancellationToken ct)
    {
        var ns = names.Host(host);
        var peer = "h" + index.ToString(CultureInfo.InvariantCulture);
        await netns.CreateAsync(ns, ct);
        // Created inside the namespaces: the lab never puts a link in the machine's own namespace.
        await netns.IpAsync(names.Underlay, ct, "link", "add", peer, "type", "veth", "peer", "name", Device, "netns", ns);
        await netns.IpAsync(names.Underlay, ct, "link", "set", peer, "master", Bridge, "up");
        await netns.IpAsync(ns, ct, "addr", "add", AddressOf(index) + "/24", "dev", Device);
        await netns.IpAsync(ns, ct, "link", "set", Device, "up");
    }
}
