namespace HaVip.Vrrp.Machine;

public enum GarpReason
{
    /// <summary>The burst sent on becoming master (RFC 5798 section 6.4.2, keepalived garp_master_repeat).</summary>
    BecameMaster,

    /// <summary>The second burst, garp_master_delay after becoming master.</summary>
    MasterDelay,

    /// <summary>The periodic burst every garp_master_refresh.</summary>
    MasterRefresh,

    /// <summary>A lower priority router advertised as master: make clients forget its MAC.</summary>
    LowerPriorityAdvert,

    /// <summary>
    /// One advertisement interval after <see cref="LowerPriorityAdvert"/>: the loser, which took
    /// over at the same moment, may announce itself just after our first answer (it adds the
    /// address before its gratuitous ARP); by now it has yielded, so this burst has the last word.
    /// </summary>
    Reannounce,

    /// <summary>The burst garp_lower_prio_delay after a lower priority advert.</summary>
    LowerPriorityDelay,
}
