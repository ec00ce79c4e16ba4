using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// One instance in the `havipd status` JSON snapshot. The tables are copies made for this snapshot,
/// in enum order (insertion order, nothing is removed); concrete so that the metrics renderer
/// enumerates them without allocating.
/// </summary>
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
    Dictionary<TransitionReason, long> Transitions,
    Dictionary<DropReason, long> Drops);
