using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// One vrrp_instance ready to run: its state machine options, interface and notify commands.
/// <see cref="Fingerprint"/> covers every setting, so a reload keeps an instance whose
/// fingerprint did not change (no flap) and restarts the others.
/// </summary>
internal sealed record InstancePlan(string Name, string Interface, VrrpRouterOptions Options, NotifyScripts Notify)
{
    /// <summary><c>use_vmac</c>: the VMAC the instance creates on <see cref="Interface"/>; null without it.</summary>
    public VmacConfig? Vmac { get; init; }

    /// <summary><c>vmac_addr_prefix</c> (else <c>vmac_prefix</c>, else <c>vrrp</c>): the start of the names of the VMACs its addresses get.</summary>
    public string AddressVmacPrefix { get; init; } = "vrrp";

    /// <summary>
    /// Accept mode off and not the address owner (keepalived's vrrp_handle_accept_mode): while
    /// MASTER, traffic to and from the VIPs is dropped by nftables.
    /// </summary>
    public bool DropsVipTraffic { get; init; }

    /// <summary>
    /// keepalived 2.2.7 (vrrp_nftables.c, nft_update_ipv6_address): a link-local VIP of an instance
    /// with <c>dont_track_primary</c> (and no <c>nftables_ifindex</c>) is dropped by interface name
    /// when it lives on the instance's interface or is <c>no_track</c>, else by interface index.
    /// </summary>
    public bool LinkLocalByName { get; init; }

    /// <summary>
    /// Made when a reload compares plans, not kept: about 1 KB of text per instance, a megabyte
    /// held for nothing by a daemon running 1,000 instances that is never reloaded.
    /// </summary>
    public string Fingerprint => InstancePlanner.Fingerprint(Interface, Options, Notify) + $"|vmac:{Vmac}|vmacs:{AddressVmacPrefix}|drop:{DropsVipTraffic}/{LinkLocalByName}";

    /// <summary>
    /// Where adverts are heard: the VMAC unless <c>vmac_xmit_base</c>, as keepalived does. It must
    /// be: a private macvlan takes the multicast frames whose source is its own MAC, so a peer's
    /// adverts from the same virtual MAC reach the VMAC, never the base interface.
    /// </summary>
    public string ReceiveInterface => Vmac is { TransmitFromBase: false } v ? v.Name : Interface;
}
