namespace HaVip.Vrrp.Machine;

public enum TransitionReason
{
    /// <summary>Start with priority below 255 (RFC 5798 section 6.4.1).</summary>
    Startup,

    /// <summary>Start as the address owner, priority 255 (RFC 5798 section 6.4.1).</summary>
    AddressOwner,

    /// <summary>No advert from a better master within Master_Down_Interval (RFC 5798 section 6.4.2).</summary>
    MasterDownTimerExpired,

    /// <summary>A master heard a higher priority, or equal priority from a higher address (RFC 5798 section 6.4.3).</summary>
    HigherPriorityAdvert,

    Shutdown,

    /// <summary>A weight-0 tracked script or interface failed (keepalived FAULT).</summary>
    TrackFailed,

    /// <summary>Every weight-0 tracked object is up again.</summary>
    TrackRecovered,

    /// <summary>Another member of the instance's vrrp_sync_group changed state (keepalived vrrp_sync.c).</summary>
    SyncGroup,
}
