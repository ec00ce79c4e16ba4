namespace HaVip.Net.Ethernet;

/// <summary>EtherType values this library knows (IEEE 802.3, IANA registry).</summary>
public enum EtherType : ushort
{
    /// <summary>Internet Protocol version 4.</summary>
    IPv4 = 0x0800,
    /// <summary>Address Resolution Protocol (RFC 826).</summary>
    Arp = 0x0806,
    /// <summary>IEEE 802.1Q VLAN tag.</summary>
    Vlan = 0x8100,
    /// <summary>Internet Protocol version 6.</summary>
    IPv6 = 0x86DD,
}
