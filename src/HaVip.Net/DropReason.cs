namespace HaVip.Net;

/// <summary>
/// Every reason a received frame or packet is dropped, one named value per check (after FRR
/// vrrpd's VCHECK list, RFC 5798 §7.1 and RFC 3768 §7.1). Decoders and validators return
/// one of these instead of throwing, and the state machine (HaVip.Vrrp) names its discards with
/// the same enum, so the daemon logs and counts every drop by one typed reason.
/// </summary>
public enum DropReason
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>Fewer bytes than the fixed part of the header being read.</summary>
    TooShort,

    // Ethernet and ARP (RFC 826).

    /// <summary>The Ethernet frame does not carry the EtherType the reader expects.</summary>
    BadEtherType,
    /// <summary>ARP hardware type/length is not Ethernet (1, 6 bytes).</summary>
    BadArpHardware,
    /// <summary>ARP protocol type/length is not IPv4 (0x0800, 4 bytes).</summary>
    BadArpProtocol,
    /// <summary>ARP operation is neither request (1) nor reply (2).</summary>
    BadArpOperation,

    // IPv4 header (RFC 791; RFC 5798 §7.1 first check).

    /// <summary>IP version nibble is not the one the reader expects (4; 6 for Neighbor Discovery).</summary>
    BadIpVersion,
    /// <summary>IHL below 5 words or past the end of the buffer.</summary>
    BadIpHeaderLength,
    /// <summary>Total length (IPv6: header plus payload length) shorter than the header or longer than the bytes received.</summary>
    BadIpTotalLength,
    /// <summary>IPv4 header checksum does not verify.</summary>
    BadIpChecksum,
    /// <summary>TTL / hop limit is not 255, so the sender may be off-link (RFC 5798 §7.1).</summary>
    BadTtl,
    /// <summary>IP protocol is not the one the reader expects: VRRP (112), or ICMPv6 (58) for Neighbor Discovery.</summary>
    BadProtocol,

    // VRRP message structure (RFC 5798 §5.2, RFC 3768 §5.3).

    /// <summary>VRRP version is neither 2 nor 3.</summary>
    BadVersion,
    /// <summary>VRRP type is not ADVERTISEMENT (1).</summary>
    BadType,
    /// <summary>Address family of the packet is not valid for the version (v2 is IPv4 only).</summary>
    BadAddressFamily,
    /// <summary>Count IPvX Addrs is 0 (RFC 5798 §5.2.5: the minimum is 1).</summary>
    BadAddressCount,
    /// <summary>Message length does not match the address count (the complete-packet check).</summary>
    AddressCountMismatch,
    /// <summary>Advertisement interval of 0, which no timer can use.</summary>
    BadAdvertInterval,
    /// <summary>VRRP checksum does not verify (v2: message; v3: with the pseudo-header).</summary>
    BadChecksum,

    // Receiving instance checks (RFC 5798 §7.1, RFC 3768 §7.1, keepalived vrrp_check_packet).

    /// <summary>Packet version differs from the receiving instance's version.</summary>
    VersionMismatch,
    /// <summary>VRID is not the receiving instance's.</summary>
    WrongVrid,
    /// <summary>The receiver owns the addresses (priority 255) and so never listens.</summary>
    LocalIsAddressOwner,
    /// <summary>v2 auth type differs from the locally configured method.</summary>
    AuthTypeMismatch,
    /// <summary>v2 simple password differs from the local one.</summary>
    AuthMismatch,
    /// <summary>v2 advertisement interval differs from the local one (RFC 3768 §7.1).</summary>
    AdvertIntervalMismatch,
    /// <summary>Address list differs from the configured one and the sender is not the owner.</summary>
    AddressListMismatch,

    // Receiving state machine (RFC 5798 section 6.4): a valid advert that changes nothing.

    /// <summary>The instance is in Initialize or Fault and takes no part in the election.</summary>
    NotListening,
    /// <summary>Lower priority than ours while we preempt (Backup) or are Master (RFC 5798 section 6.4.3: discard).</summary>
    LowerPriority,
    /// <summary>check_unicast_src: the sender is not one of the instance's unicast_peer addresses.</summary>
    UnicastSourceNotPeer,

    // Neighbor Discovery (RFC 4861 §7.1.2: a receiver's validity checks of a Neighbor Advertisement).

    /// <summary>ICMPv6 type is not Neighbor Advertisement (136).</summary>
    NotNeighborAdvertisement,
    /// <summary>ICMPv6 code is not 0.</summary>
    BadIcmpCode,
    /// <summary>ICMPv6 checksum over the IPv6 pseudo-header does not verify.</summary>
    BadIcmpChecksum,
    /// <summary>The target address is a multicast address.</summary>
    BadNdTarget,
    /// <summary>The Solicited flag is set on an advertisement to a multicast destination.</summary>
    SolicitedToMulticast,
    /// <summary>An option has length 0 or runs past the end of the message.</summary>
    BadNdOption,
}
