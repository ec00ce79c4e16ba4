namespace HaVip.Vrrp.Machine;

/// <summary>Why a (codec-valid) advert changed nothing; the daemon counts these.</summary>
public enum DiscardReason
{
    /// <summary>Initialize or Fault: not taking part in the election.</summary>
    NotListening,

    /// <summary>VRRPv2 simple password differs (RFC 3768 section 7.1).</summary>
    AuthMismatch,

    /// <summary>VRRPv2 interval differs from ours (RFC 3768 section 7.1: MUST discard).</summary>
    AdvertIntervalMismatch,

    /// <summary>Address list differs from ours and the sender is not the owner; off with vrrp_skip_check_adv_addr.</summary>
    AddressListMismatch,

    /// <summary>Lower priority than ours while we preempt (Backup) or are Master.</summary>
    LowerPriority,

    /// <summary>check_unicast_src: the sender is not one of our unicast_peer addresses.</summary>
    UnicastSourceNotPeer,
}
