namespace HaVip.Vrrp.Machine;

/// <summary>Gratuitous ARP timing, resolved from keepalived's global and per-instance garp settings.</summary>
public sealed record GarpOptions
{
    /// <summary>Gap between the packets of one burst (vrrp_garp_interval); the daemon spaces them.</summary>
    public TimeSpan Interval { get; init; }

    public int MasterRepeat { get; init; } = 5;

    /// <summary>Second burst this long after becoming master; zero for none.</summary>
    public TimeSpan MasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Periodic burst while master; zero for none.</summary>
    public TimeSpan MasterRefresh { get; init; }

    public int MasterRefreshRepeat { get; init; } = 1;

    /// <summary>Burst on hearing a lower priority master; zero for none (keepalived defaults it to MasterRepeat).</summary>
    public int LowerPriorityRepeat { get; init; } = 5;

    /// <summary>Second burst after a lower priority advert; zero for none.</summary>
    public TimeSpan LowerPriorityDelay { get; init; } = TimeSpan.FromSeconds(5);
}
