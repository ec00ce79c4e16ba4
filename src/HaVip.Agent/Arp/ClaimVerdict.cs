namespace HaVip.Agent.Arp;

/// <summary>What a frame from an instance port means for VIP ownership. Metrics count these by name.</summary>
internal enum ClaimVerdictKind
{
    /// <summary>Neither ARP nor IPv6: nothing to learn.</summary>
    NotArp,
    /// <summary>ARP, or IPv6 that is no valid Neighbor Advertisement (what the capture passes of IPv6); the rules decide its fate.</summary>
    Malformed,
    /// <summary>An ordinary request or a probe, or a solicited advertisement or one without the override flag: claims nothing.</summary>
    NotClaim,
    /// <summary>A claim of an address that is no HAVIP of the port's subnet (its own IP, say).</summary>
    NotVip,
    /// <summary>A claim whose sender MAC is not the port's: the rules drop it, it never counts as a holder.</summary>
    ForeignMac,
    /// <summary>A bound instance claims the VIP: it is the holder now.</summary>
    Holder,
    /// <summary>An instance that is not bound claims the VIP: dropped and reported.</summary>
    Spoof,
}

internal readonly record struct ClaimVerdict(ClaimVerdictKind Kind, string? HaVipId = null, string? InstanceId = null)
{
    public static ClaimVerdict Of(ClaimVerdictKind kind) => new(kind);
}
