namespace HaVip.Server.Http;

/// <summary>The authorization policies endpoints name.</summary>
public static class Policies
{
    /// <summary>A tenant or admin key, as a bearer token: the tenant API.</summary>
    public const string Tenant = "tenant";

    /// <summary>An admin key: accounts, every key, the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>An agent key: the agent API, for its own host only.</summary>
    public const string Agent = "agent";

    /// <summary>A console session cookie, made from a tenant or admin key at /login.</summary>
    public const string Console = "console";
}
