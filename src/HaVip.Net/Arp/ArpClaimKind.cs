namespace HaVip.Net.Arp;

/// <summary>How an ARP packet asserts that its sender holds the sender IP.</summary>
public enum ArpClaimKind
{
    /// <summary>No claim: an ordinary request, or a probe with sender IP 0.0.0.0 (RFC 5227 §2.1.1).</summary>
    None = 0,
    /// <summary>Request with sender IP = target IP: a gratuitous ARP / announcement (RFC 5227 §2.3).</summary>
    GratuitousRequest,
    /// <summary>Reply with sender IP = target IP: the gratuitous reply form some stacks send.</summary>
    GratuitousReply,
    /// <summary>Ordinary reply: the sender answers for its sender IP.</summary>
    Reply,
}
