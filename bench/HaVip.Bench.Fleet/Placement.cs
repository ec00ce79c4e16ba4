namespace HaVip.Bench.Fleet;

/// <summary>A simulated host: its name, the agent key minted for it and the underlay address it registers.</summary>
internal sealed record SimHost(int Index, string Name, string Key, string Underlay);

/// <summary>
/// A subnet as seeded: its instances (one NIC each) and their hosts, and its HAVIPs. A change binds
/// <see cref="Extra"/> to HAVIP 0 or unbinds it again (<see cref="Placement.Bound"/> says which instances each HAVIP starts with).
/// </summary>
internal sealed class SeededSubnet(string id, IReadOnlyList<string> instanceIds, IReadOnlySet<int> hosts, IReadOnlyList<string> haVipIds, string extra)
{
    public string Id => id;

    public IReadOnlyList<string> InstanceIds => instanceIds;

    /// <summary>The hosts that carry the subnet: a change to it must wake these and no other.</summary>
    public IReadOnlySet<int> Hosts => hosts;

    public IReadOnlyList<string> HaVipIds => haVipIds;

    /// <summary>The instance a change binds to HAVIP 0 and unbinds again.</summary>
    public string Extra => extra;

    /// <summary>Whether <see cref="Extra"/> is bound to HAVIP 0 (the next change then unbinds it).</summary>
    public bool ExtraBound { get; set; }
}

/// <summary>
/// Where the NICs go: a seeded shuffle of every host's instance slots, dealt to subnets in runs of
/// HostsPerSubnet; and which of a subnet's instances each of its HAVIPs is bound to.
/// </summary>
internal static class Placement
{
    /// <summary>For each subnet, the host index of each of its instances.</summary>
    public static int[][] Deal(FleetOptions options)
    {
        var slots = Enumerable.Range(0, options.Hosts).SelectMany(h => Enumerable.Repeat(h, options.InstancesPerHost)).ToArray();
        new Random(17).Shuffle(slots);
        return [.. Enumerable.Range(0, options.Subnets).Select(s => slots.Skip(s * options.HostsPerSubnet).Take(options.HostsPerSubnet).ToArray())];
    }

    /// <summary>
    /// Sparse (the default, two NICs per HAVIP or more): HAVIP k on instances 2k and 2k+1, each
    /// instance bound once, and a change binds instance 2. Dense (more HAVIPs than that, as the
    /// issue's 25 per subnet): HAVIP k on instances 2k and 2k+1 modulo all but the last, which the
    /// HAVIPs fill up to the 5 an instance may hold, and a change binds the last, bound to nothing.
    /// </summary>
    public static bool Dense(FleetOptions options) => options.HaVipsPerSubnet * 2 > options.HostsPerSubnet;

    /// <summary>Whether the subnet's NICs can hold its HAVIPs (<see cref="Dense"/>) within 5 HAVIPs an instance.</summary>
    public static bool Fits(FleetOptions options) =>
        !Dense(options) || options.HaVipsPerSubnet * 2 <= MaxHaVipsPerInstance * (options.HostsPerSubnet - 1);

    /// <summary>The indexes (in the subnet's instances) of the two instances HAVIP <paramref name="k"/> is bound to.</summary>
    public static (int First, int Second) Bound(FleetOptions options, int k)
    {
        var filled = Dense(options) ? options.HostsPerSubnet - 1 : options.HostsPerSubnet;
        return ((2 * k) % filled, ((2 * k) + 1) % filled);
    }

    /// <summary>The index of the instance the changes bind to HAVIP 0 and unbind again.</summary>
    public static int Extra(FleetOptions options) => Dense(options) ? options.HostsPerSubnet - 1 : 2;

    private const int MaxHaVipsPerInstance = 5;
}
