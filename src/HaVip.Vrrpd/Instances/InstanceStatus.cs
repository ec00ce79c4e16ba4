using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// One instance in the `havipd status` JSON snapshot and the metrics. A row is filled in place on
/// the instance loop (<see cref="InstanceRunner.Fill"/>) and kept across snapshots by whoever asks
/// for them (<see cref="StatusRows"/>), so that a scrape of 1,000 instances allocates nothing per
/// instance. The tables list only the reasons seen, in enum order.
/// </summary>
internal sealed class InstanceStatus
{
    public string Name { get; set; } = "";

    public string Interface { get; set; } = "";

    public int VirtualRouterId { get; set; }

    public int Version { get; set; }

    public string State { get; set; } = "";

    public string? StateReason { get; set; }

    public DateTimeOffset StateSince { get; set; }

    public string PrimaryAddress { get; set; } = "";

    public string? MasterAddress { get; set; }

    public int BasePriority { get; set; }

    public int EffectivePriority { get; set; }

    public int? MasterPriority { get; set; }

    public double AdvertIntervalSeconds { get; set; }

    public double MasterAdverIntervalSeconds { get; set; }

    public double MasterDownIntervalSeconds { get; set; }

    public DateTimeOffset? NextTimer { get; set; }

    public long AdvertsIn { get; set; }

    public long AdvertsOut { get; set; }

    public long GratuitousArpsOut { get; set; }

    /// <summary>Unsolicited Neighbor Advertisements sent for IPv6 VIPs: IPv6's gratuitous ARPs.</summary>
    public long NeighborAdvertsOut { get; set; }

    public DateTimeOffset? LastAdvertHeard { get; set; }

    public Dictionary<TransitionReason, long> Transitions { get; init; } = [];

    public Dictionary<DropReason, long> Drops { get; init; } = [];
}
