namespace HaVip.Vrrp.Config;

public enum AuthType
{
    /// <summary>Simple text password (VRRPv2 only).</summary>
    Pass,

    /// <summary>IPsec AH (VRRPv2 only).</summary>
    Ah,
}
