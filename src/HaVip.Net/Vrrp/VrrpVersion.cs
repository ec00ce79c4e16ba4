namespace HaVip.Net.Vrrp;

/// <summary>The VRRP version nibble.</summary>
public enum VrrpVersion : byte
{
    /// <summary>RFC 3768: IPv4 only, intervals in seconds, checksum over the message.</summary>
    V2 = 2,
    /// <summary>RFC 5798: IPv4 and IPv6, centisecond intervals, pseudo-header checksum.</summary>
    V3 = 3,
}
