namespace HaVip.Vrrp.Config;

/// <summary>
/// Gratuitous ARP settings. Globally every value is set (keepalived's defaults); in an instance a
/// null value means "inherit the global one".
/// </summary>
public sealed class GarpConfig
{
    /// <summary><c>garp_master_delay</c>: second burst this long after becoming master (0 = none).</summary>
    public TimeSpan? MasterDelay { get; internal set; }

    /// <summary><c>garp_master_repeat</c>: gratuitous ARPs per burst.</summary>
    public int? MasterRepeat { get; internal set; }

    /// <summary><c>garp_master_refresh</c>: repeat a burst this often while master (0 = never).</summary>
    public TimeSpan? MasterRefresh { get; internal set; }

    /// <summary><c>garp_master_refresh_repeat</c>: gratuitous ARPs per refresh burst.</summary>
    public int? MasterRefreshRepeat { get; internal set; }

    /// <summary><c>garp_lower_prio_delay</c>: second burst after hearing a lower priority advert (null = MasterDelay).</summary>
    public TimeSpan? LowerPriorityDelay { get; internal set; }

    /// <summary><c>garp_lower_prio_repeat</c>: gratuitous ARPs sent on hearing a lower priority advert (null = MasterRepeat).</summary>
    public int? LowerPriorityRepeat { get; internal set; }

    internal static GarpConfig KeepalivedDefaults() => new()
    {
        MasterDelay = TimeSpan.FromSeconds(5),
        MasterRepeat = 5,
        MasterRefresh = TimeSpan.Zero,
        MasterRefreshRepeat = 1,
    };
}
