namespace HaVip.Vrrp;

/// <summary>VRRP protocol version: 2 (RFC 3768, whole-second timers) or 3 (RFC 5798, centiseconds).</summary>
public enum VrrpVersion
{
    V2 = 2,
    V3 = 3,
}
