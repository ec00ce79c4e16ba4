namespace HaVip.Bench.Fleet;

/// <summary>A simulated host: its name, the agent key minted for it and the underlay address it registers.</summary>
internal sealed record SimHost(int Index, string Name, string Key, string Underlay);

/// <summary>
/// A subnet as seeded: its instances (one NIC each) and their hosts, and its HAVIPs. HAVIP k is
/// bound to instances 2k and 2k+1; a change binds instance 2 to HAVIP 0 or unbinds it again.
/// </summary>
internal sealed class SeededSubnet(string id, IReadOnlyList<string> instanceIds, IReadOnlySet<int> hosts, IReadOnlyList<string> haVipIds)
{
    public string Id => id;

    public IReadOnlyList<string> InstanceIds => instanceIds;

    /// <summary>The hosts that carry the subnet: a change to it must wake these and no other.</summary>
    public IReadOnlySet<int> Hosts => hosts;

    public IReadOnlyList<string> HaVipIds => haVipIds;

    /// <summary>Whether instance 2 is bound to HAVIP 0 (the next change then unbinds it).</summary>
    public bool ExtraBound { get; set; }
}

/// <summary>Where the NICs go: a seeded shuffle of every host's instance slots, dealt to subnets in runs of HostsPerSubnet.</summary>
internal static class Placement
{
    /// <summary>For each subnet, the host index of each of its instances.</summary>
    public static int[][] Deal(FleetOptions options)
    {
        var slots = Enumerable.Range(0, options.Hosts).SelectMany(h => Enumerable.Repeat(h, options.InstancesPerHost)).ToArray();
        new Random(17).Shuffle(slots);
        return [.. Enumerable.Range(0, options.Subnets).Select(s => slots.Skip(s * options.HostsPerSubnet).Take(options.HostsPerSubnet).ToArray())];
    }
}
