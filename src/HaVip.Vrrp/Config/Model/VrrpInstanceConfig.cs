using System.Net;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Config;

/// <summary><c>vrrp_instance NAME { ... }</c> with keepalived 2.2.7's defaults.</summary>
public sealed class VrrpInstanceConfig
{
    internal List<IPAddress> PeerList { get; } = [];

    internal List<VirtualAddress> AddressList { get; } = [];

    internal List<VirtualAddress> ExcludedList { get; } = [];

    internal List<TrackRef> TrackFileList { get; } = [];

    internal List<TrackRef> TrackProcessList { get; } = [];

    /// <summary>Set by <c>check_unicast_src</c>; the global <c>vrrp_check_unicast_src</c> is applied at the end.</summary>
    internal bool CheckUnicastSourceSet { get; set; }

    internal List<VirtualRoute> RouteList { get; } = [];

    internal List<VirtualRule> RuleList { get; } = [];

    internal List<TrackScriptRef> TrackScriptList { get; } = [];

    internal List<TrackInterfaceRef> TrackInterfaceList { get; } = [];

    /// <summary>Set only when the file gave a valid <c>priority</c>; see <see cref="Priority"/>.</summary>
    internal int? ConfiguredPriority { get; set; }

    /// <summary>Null when the file did not say; see <see cref="Version"/>.</summary>
    internal VrrpVersion? ConfiguredVersion { get; set; }

    /// <summary>Where <c>advert_int</c> was written; its range depends on the version, known only at the end.</summary>
    internal SourcePosition? AdvertIntPosition { get; set; }

    internal SourcePosition? StatePosition { get; set; }

    /// <summary>True once <c>virtual_router_id</c> was seen, valid or not, so "missing" is not reported twice.</summary>
    internal bool VirtualRouterIdSeen { get; set; }

    internal List<(IPAddress Address, SourcePosition Position)> PeerPositions { get; } = [];

    /// <summary><c>strict_mode</c> as written; null: <c>vrrp_strict</c> decides.</summary>
    internal bool? StrictSet { get; set; }

    /// <summary><c>accept</c> (true) or <c>no_accept</c> (false) as written; null: strict mode decides.</summary>
    internal bool? AcceptSet { get; set; }

    internal SourcePosition? AcceptPosition { get; set; }

    internal SourcePosition? UnicastTtlPosition { get; set; }

    /// <summary><c>lower_prio_no_advert</c> as written; null: strict mode, else global_defs decides.</summary>
    internal bool? LowerPriorityNoAdvertSet { get; set; }

    /// <summary><c>higher_prio_send_advert</c> as written; null: strict mode, else global_defs decides.</summary>
    internal bool? HigherPrioritySendAdvertSet { get; set; }

    /// <summary>Where <c>use_vmac</c> was written; null without it. <see cref="Vmac"/> is made at the end.</summary>
    public SourcePosition? UseVmacPosition { get; internal set; }

    /// <summary>The valid name given to <c>use_vmac</c>, if any.</summary>
    public string? VmacName { get; internal set; }

    internal bool VmacTransmitFromBase { get; set; }

    /// <summary>
    /// <c>use_vmac_addr</c>: the VIPs and eVIPs on another interface than the instance's (or of the
    /// other family) get a VMAC of their own on that interface (<see cref="VirtualAddress.VmacOn"/>).
    /// </summary>
    public bool UseVmacAddr { get; internal set; }

    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    public InitialState InitialState { get; internal set; } = InitialState.Backup;

    public string? Interface { get; internal set; }

    /// <summary>1..255; 0 when missing or invalid (an error is reported).</summary>
    public int VirtualRouterId { get; internal set; }

    public bool NoPreempt { get; internal set; }

    public TimeSpan PreemptDelay { get; internal set; }

    /// <summary>Base priority: 1..254, or 255 for the address owner. keepalived's default is 100.</summary>
    public int Priority { get; internal set; } = 100;

    public TimeSpan AdvertInterval { get; internal set; } = TimeSpan.FromSeconds(1);

    /// <summary>The instance's <c>version</c>, else <c>global_defs vrrp_version</c>; always 3 for IPv6.</summary>
    public VrrpVersion Version { get; internal set; } = VrrpVersion.V2;

    /// <summary>
    /// IPv4 or IPv6, decided as keepalived 2.2.7 does by the first of <c>native_ipv6</c>,
    /// <c>unicast_src_ip</c>, <c>unicast_peer</c> and <c>virtual_ipaddress</c>; addresses of the
    /// other family are reported and skipped.
    /// </summary>
    public System.Net.Sockets.AddressFamily Family { get; internal set; } = System.Net.Sockets.AddressFamily.InterNetwork;

    internal bool FamilyDecided { get; set; }

    public VrrpAuthentication? Authentication { get; internal set; }

    public IPAddress? UnicastSourceIp { get; internal set; }

    /// <summary>Unicast destinations; empty means multicast 224.0.0.18.</summary>
    public IReadOnlyList<IPAddress> UnicastPeers => PeerList;

    public IReadOnlyList<VirtualAddress> VirtualAddresses => AddressList;

    public IReadOnlyList<VirtualRoute> VirtualRoutes => RouteList;

    /// <summary><c>virtual_rules</c>: ip rules added after the routes and removed before them.</summary>
    public IReadOnlyList<VirtualRule> VirtualRules => RuleList;

    /// <summary><c>virtual_ipaddress_excluded</c>: added and removed with the VIPs but not carried in adverts.</summary>
    public IReadOnlyList<VirtualAddress> ExcludedAddresses => ExcludedList;

    /// <summary><c>dont_track_primary</c>: the instance's own interface going down does not fault it.</summary>
    public bool DontTrackPrimary { get; internal set; }

    /// <summary><c>check_unicast_src</c>: adverts from a source not in <c>unicast_peer</c> are dropped.</summary>
    public bool CheckUnicastSource { get; internal set; }

    public IReadOnlyList<TrackRef> TrackFiles => TrackFileList;

    public IReadOnlyList<TrackRef> TrackProcesses => TrackProcessList;

    /// <summary>The sync group this instance belongs to, if any (set once the file is read).</summary>
    public string? SyncGroup { get; internal set; }

    public IReadOnlyList<TrackScriptRef> TrackScripts => TrackScriptList;

    public IReadOnlyList<TrackInterfaceRef> TrackInterfaces => TrackInterfaceList;

    public NotifyScripts Notify { get; } = new();

    /// <summary><c>strict_mode</c>, else <c>global_defs vrrp_strict</c>: keepalived's RFC-strict checks apply.</summary>
    public bool Strict { get; internal set; }

    /// <summary>
    /// Accept_Mode (RFC 5798 section 6.1): <c>accept</c> / <c>no_accept</c>; keepalived's default
    /// is on, off in strict mode.
    /// </summary>
    public bool Accept { get; internal set; } = true;

    /// <summary>
    /// <c>lower_prio_no_advert</c>, else <c>vrrp_lower_prio_no_advert</c>; always on in strict mode:
    /// a master hearing a lower priority does not advertise in answer (RFC 5798 section 6.4.3).
    /// </summary>
    public bool LowerPriorityNoAdvert { get; internal set; }

    /// <summary><c>higher_prio_send_advert</c>, else <c>vrrp_higher_prio_send_advert</c>; always off in strict mode.</summary>
    public bool HigherPrioritySendAdvert { get; internal set; }

    /// <summary><c>unicast_ttl</c>: the TTL of unicast adverts (keepalived: 255 without it).</summary>
    public int? UnicastTtl { get; internal set; }

    /// <summary><c>use_vmac</c>: the instance's virtual MAC interface; null without it.</summary>
    public VmacConfig? Vmac { get; internal set; }

    /// <summary>
    /// What keepalived does with a <c>use_vmac</c> name that is already another kind of interface:
    /// forgets the name, and the VMAC is vrrp.VRID.
    /// </summary>
    public void IgnoreVmacName()
    {
        VmacName = null;
        if (Vmac is { } vmac)
            Vmac = vmac with { Name = $"vrrp.{VirtualRouterId}" };
    }

    /// <summary>Per-instance <c>garp_master_*</c>; null values inherit <see cref="GlobalDefs.Garp"/>.</summary>
    public GarpConfig Garp { get; } = new();
}
