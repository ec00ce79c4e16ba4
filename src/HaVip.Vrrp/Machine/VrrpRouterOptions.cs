using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Machine;

/// <summary>Everything one virtual router instance needs; <see cref="RouterOptionsFactory"/> builds it from keepalived.conf.</summary>
public sealed record VrrpRouterOptions
{
    public required byte VirtualRouterId { get; init; }

    /// <summary>Configured priority: 1..254, or 255 for the address owner.</summary>
    public required byte Priority { get; init; }

    /// <summary>This router's primary address: the advert source and the tie-breaker (RFC 5798 section 6.4.3).</summary>
    public required IPAddress PrimaryAddress { get; init; }

    public VrrpVersion Version { get; init; } = VrrpVersion.V3;

    /// <summary>Advertisement_Interval (RFC 5798 section 6.1).</summary>
    public TimeSpan AdvertisementInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>keepalived <c>nopreempt</c>: Preempt_Mode false (RFC 5798 section 6.1).</summary>
    public bool NoPreempt { get; init; }

    /// <summary>keepalived <c>preempt_delay</c>: how long a backup keeps accepting a lower priority master.</summary>
    public TimeSpan PreemptDelay { get; init; }

    public IReadOnlyList<VirtualAddress> VirtualAddresses { get; init; } = [];

    public IReadOnlyList<VirtualRoute> VirtualRoutes { get; init; } = [];

    /// <summary>keepalived <c>virtual_rules</c>: added after the routes, removed before them.</summary>
    public IReadOnlyList<VirtualRule> VirtualRules { get; init; } = [];

    /// <summary>keepalived <c>virtual_ipaddress_excluded</c>: taken and released with the VIPs, never advertised.</summary>
    public IReadOnlyList<VirtualAddress> ExcludedAddresses { get; init; } = [];

    /// <summary>keepalived <c>check_unicast_src</c>: drop adverts whose source is not a unicast peer.</summary>
    public bool CheckUnicastSource { get; init; }

    /// <summary>Unicast destinations of our adverts; empty means multicast.</summary>
    public IReadOnlyList<IPAddress> UnicastPeers { get; init; } = [];

    /// <summary>keepalived <c>unicast_ttl</c>: the TTL of adverts sent to unicast peers.</summary>
    public byte UnicastTtl { get; init; } = VrrpProtocol.Ttl;

    /// <summary>VRRPv2 simple password, or null for none.</summary>
    public string? AuthPassword { get; init; }

    public IReadOnlyList<TrackedObject> Tracked { get; init; } = [];

    public GarpOptions Garp { get; init; } = new();

    /// <summary>keepalived <c>vrrp_skip_check_adv_addr</c>.</summary>
    public bool SkipCheckAdvertAddresses { get; init; }

    /// <summary>keepalived <c>higher_prio_send_advert</c>: advertise once before yielding to a higher priority.</summary>
    public bool HigherPrioritySendAdvert { get; init; }

    /// <summary>
    /// keepalived without <c>lower_prio_no_advert</c> (off in strict mode): a master hearing a master
    /// it beats re-sends its advert and a gratuitous ARP at once, so clients and the platform never
    /// keep the loser's MAC.
    /// </summary>
    public bool ReannounceOnLowerPriorityMaster { get; init; } = true;
}
