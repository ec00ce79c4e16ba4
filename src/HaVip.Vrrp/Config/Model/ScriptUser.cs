namespace HaVip.Vrrp.Config;

/// <summary><c>script_user USER [GROUP]</c> or a script's <c>user USER [GROUP]</c>: who its commands run as.</summary>
public sealed record ScriptUser(string User, string? Group);
