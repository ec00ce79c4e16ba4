namespace HaVip.Domain.Health;

/// <summary>The stable codes of a HAVIP's health findings (docs/vrrp-observation.md). Their names are API values.</summary>
public enum FindingCode
{
    /// <summary>Two or more bound instances advertise at once.</summary>
    SplitBrain,
    /// <summary>Instances are bound, none advertises.</summary>
    NoMaster,
    /// <summary>The holder stopped advertising while another bound instance advertises without having claimed the VIP.</summary>
    HolderSilent,
    /// <summary>Bound instances advertise other VRIDs, intervals, versions or auth types than each other or the generated keepalived.conf.</summary>
    ConfigMismatch,
    /// <summary>An instance not bound to the HAVIP advertises its VRID for other addresses (another cluster).</summary>
    VridConflict,
    /// <summary>An instance not bound to the HAVIP advertises its address.</summary>
    RogueAdvert,
    /// <summary>A host that runs a bound instance is stale or unknown: the platform can neither see nor change it.</summary>
    HostStale,
}
