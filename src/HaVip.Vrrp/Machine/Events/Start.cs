namespace HaVip.Vrrp.Machine;

/// <summary>The Startup event of RFC 5798 section 6.4.1.</summary>
public sealed record Start : VrrpEvent;
