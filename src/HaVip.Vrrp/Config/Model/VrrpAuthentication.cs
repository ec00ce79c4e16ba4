namespace HaVip.Vrrp.Config;

/// <summary><c>authentication { auth_type PASS; auth_pass secret }</c>; the password is at most 8 bytes on the wire.</summary>
public sealed record VrrpAuthentication(AuthType Type, string Password);
