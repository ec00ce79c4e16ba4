namespace HaVip.Net.Arp;

/// <summary>ARP opcodes of RFC 826.</summary>
public enum ArpOperation : ushort
{
    /// <summary>ares_op$REQUEST.</summary>
    Request = 1,
    /// <summary>ares_op$REPLY.</summary>
    Reply = 2,
}
