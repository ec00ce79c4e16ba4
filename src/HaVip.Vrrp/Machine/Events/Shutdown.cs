namespace HaVip.Vrrp.Machine;

/// <summary>The Shutdown event of RFC 5798 sections 6.4.2 and 6.4.3: a master advertises priority 0.</summary>
public sealed record Shutdown : VrrpEvent;
