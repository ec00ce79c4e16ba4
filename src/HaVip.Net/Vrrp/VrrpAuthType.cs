namespace HaVip.Net.Vrrp;

/// <summary>
/// The v2 Auth Type byte (RFC 2338 §5.3.6; RFC 3768 §5.3.6 keeps the field for backward
/// compatibility). keepalived still sends simple passwords, so they are decoded and checked.
/// </summary>
public enum VrrpAuthType : byte
{
    /// <summary>No authentication.</summary>
    None = 0,
    /// <summary>Simple text password in the 8-byte auth data field (keepalived PASS).</summary>
    SimplePassword = 1,
    /// <summary>IP Authentication Header (keepalived AH); its packets use IP protocol 51.</summary>
    IPAuthenticationHeader = 2,
}
