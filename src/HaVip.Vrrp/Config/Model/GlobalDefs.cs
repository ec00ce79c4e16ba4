using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Config;

/// <summary><c>global_defs</c>; defaults are keepalived 2.2.7's.</summary>
public sealed class GlobalDefs
{
    internal SortedDictionary<string, NotifyFifoConfig> FifoTable { get; } = new(StringComparer.Ordinal);

    public string? RouterId { get; internal set; }

    /// <summary><c>default_interface</c>: the dev of static addresses (keepalived), which havipd does not run.</summary>
    public string? DefaultInterface { get; internal set; }

    /// <summary><c>dynamic_interfaces</c>: an instance's interface may be missing at start (it waits in FAULT).</summary>
    public bool DynamicInterfaces { get; internal set; }

    /// <summary><c>vrrp_check_unicast_src</c>: <c>check_unicast_src</c> for every instance.</summary>
    public bool CheckUnicastSource { get; internal set; }

    /// <summary><c>vrrp_strict</c>: keepalived's strict mode for every instance without <c>strict_mode</c>.</summary>
    public bool Strict { get; internal set; }

    /// <summary><c>enable_script_security</c>: refuse insecure scripts and scripts whose user cannot be set.</summary>
    public bool EnableScriptSecurity { get; internal set; }

    /// <summary><c>script_user</c>; null: keepalived_script if that user exists, else root.</summary>
    public ScriptUser? ScriptUser { get; internal set; }

    /// <summary><c>notify_fifo</c> and <c>vrrp_notify_fifo</c>, each with its optional reader script.</summary>
    public IReadOnlyList<NotifyFifoConfig> NotifyFifos => FifoTable.Values.Where(f => f.Path.Length > 0).ToList();

    /// <summary>Forgets a FIFO's reader script (keepalived disables an insecure one); the FIFO stays.</summary>
    public void RemoveFifoScript(string command)
    {
        foreach (var (key, fifo) in FifoTable.Where(f => f.Value.Script == command).ToList())
            FifoTable[key] = fifo with { Script = null };
    }

    /// <summary><c>vrrp_skip_check_adv_addr</c>: do not compare the advert's address list with ours.</summary>
    public bool SkipCheckAdvertAddresses { get; internal set; }

    /// <summary><c>vrrp_garp_interval</c>: gap between gratuitous ARPs of one burst.</summary>
    public TimeSpan GarpInterval { get; internal set; }

    /// <summary><c>vrrp_gna_interval</c>: gap between unsolicited neighbour adverts (IPv6).</summary>
    public TimeSpan GnaInterval { get; internal set; }

    public VrrpVersion Version { get; internal set; } = VrrpVersion.V2;

    /// <summary>The <c>vrrp_garp_master_*</c> and <c>vrrp_garp_lower_prio_*</c> settings.</summary>
    public GarpConfig Garp { get; } = GarpConfig.KeepalivedDefaults();

    /// <summary><c>vrrp_higher_prio_send_advert</c>: a master hearing a higher priority advertises once before yielding.</summary>
    public bool HigherPrioritySendAdvert { get; internal set; }

    /// <summary><c>vrrp_lower_prio_no_advert</c>: a master hearing a lower priority does not advertise in answer.</summary>
    public bool LowerPriorityNoAdvert { get; internal set; }

    /// <summary>
    /// <c>nftables [NAME]</c> (or keepalived's fallback for <c>vrrp_iptables</c>): the table of
    /// accept mode's drop rules; null: keepalived's default, <c>keepalived</c>.
    /// </summary>
    public string? NftablesTable { get; internal set; }

    /// <summary><c>nftables_priority</c>: the priority of the table's input and output chains (keepalived: -1).</summary>
    public int NftablesPriority { get; internal set; } = -1;

    /// <summary><c>nftables_counters</c>: the drop rules count what they drop.</summary>
    public bool NftablesCounters { get; internal set; }

    /// <summary>
    /// <c>nftables_ifindex</c>: link-local IPv6 VIPs are keyed by interface index even where
    /// keepalived would key them by name (an instance with <c>dont_track_primary</c>).
    /// </summary>
    public bool NftablesIfindex { get; internal set; }

    /// <summary><c>vmac_prefix</c>: the start of the VMAC names havipd makes itself (keepalived's default <c>vrrp</c>).</summary>
    public string? VmacPrefix { get; internal set; }

    /// <summary><c>vmac_addr_prefix</c>: the same for the VMACs of addresses off the instance's interface (default: <see cref="VmacPrefix"/>).</summary>
    public string? VmacAddressPrefix { get; internal set; }

    /// <summary>The prefix of an instance's own VMAC name (keepalived 2.2.7, vrrp.c vrrp_complete_instance).</summary>
    public string InstanceVmacPrefix => VmacPrefix ?? "vrrp";

    /// <summary>The prefix of an address VMAC's name: <c>vmac_addr_prefix</c>, else <c>vmac_prefix</c>, else <c>vrrp</c>.</summary>
    public string AddressVmacPrefix => VmacAddressPrefix ?? InstanceVmacPrefix;

    /// <summary><c>vrrp_rt_priority</c> (1-99): run the VRRP threads real-time (SCHED_RR), as keepalived does.</summary>
    public int? RealtimePriority { get; internal set; }

    /// <summary><c>vrrp_priority</c> (-20 to 19): the process's nice value.</summary>
    public int? NicePriority { get; internal set; }

    /// <summary><c>vrrp_no_swap</c>: lock the process's memory so a timer never waits for a page-in.</summary>
    public bool NoSwap { get; internal set; }
}
