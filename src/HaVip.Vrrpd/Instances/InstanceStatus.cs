using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>One instance in the `havipd status` JSON snapshot.</summary>
internal sealed record InstanceStatus(
    string Name,
    string Interface,
    int VirtualRouterId,
    int Version,
    string State,
    string? StateReason,
    DateTimeOffset StateSince,
    string PrimaryAddress,
    string? MasterAddress,
    int BasePriority,
    int EffectivePriority,
    int? MasterPriority,
    double AdvertIntervalSeconds,
    double MasterAdverIntervalSeconds,
    double MasterDownIntervalSeconds,
    DateTimeOffset? NextTimer,
    long AdvertsIn,
    long AdvertsOut,
    long GratuitousArpsOut,
    DateTimeOffset? LastAdvertHeard,
    IReadOnlyDictionary<TransitionReason, long> Transitions,
    IReadOnlyDictionary<DropReason, long> Drops);
