using System.Net;

namespace HaVip.Net.Vrrp;

/// <summary>Protocol constants of RFC 5798 §5.1 and §5.2.</summary>
public static class VrrpProtocol
{
    /// <summary>IANA protocol number of VRRP.</summary>
    public const byte ProtocolNumber = 112;

    /// <summary>TTL / hop limit senders set and receivers require (RFC 5798 §5.1.1.3).</summary>
    public const byte Ttl = 255;

    /// <summary>The only VRRP packet type (RFC 5798 §5.2.2).</summary>
    public const byte AdvertisementType = 1;

    /// <summary>IPv4 DSCP/ECN byte keepalived sends: precedence "internetwork control".</summary>
    public const byte KeepalivedTypeOfService = 0xC0;

    /// <summary>224.0.0.18 (RFC 5798 §5.1.1.2). A new instance each time: IPAddress is mutable.</summary>
    public static IPAddress IPv4Multicast => new([224, 0, 0, 18]);

    /// <summary>ff02::12 (RFC 5798 §5.1.2.2).</summary>
    public static IPAddress IPv6Multicast => IPAddress.Parse("ff02::12");
}
