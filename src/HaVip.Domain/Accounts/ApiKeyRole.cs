namespace HaVip.Domain.Accounts;

/// <summary>What a key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>Its account's resources and its account's tenant keys.</summary>
    Tenant,

    /// <summary>Its account's resources, plus accounts, every key and the audit log.</summary>
    Admin,

    /// <summary>Only the agent endpoints of its own host.</summary>
    Agent,
}
