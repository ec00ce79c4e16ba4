namespace HaVip.Contracts.Api;

/// <summary>A tenant: every VPC, subnet, instance and HAVIP belongs to exactly one account.</summary>
public sealed record AccountDto(string Id, string Name, DateTime CreatedAt);

public sealed record CreateAccountRequest(string? Name);

/// <summary>
/// What a key may do. <c>tenant</c>: its account's resources and keys; <c>admin</c>: also accounts,
/// every account's keys and the audit log; <c>agent</c>: only the agent endpoints of its host.
/// </summary>
public enum KeyRole
{
    Tenant,
    Admin,
    Agent,
}

/// <summary>An API key as listed: never the secret, only its first characters (<see cref="Prefix"/>).</summary>
public sealed record ApiKeyDto(
    string Id,
    string Name,
    string AccountId,
    KeyRole Role,
    string Prefix,
    string? Host,
    int? RateLimitPerSecond,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt);

/// <summary>
/// The answer to creating a key: the key and, this once, its secret (send it as <c>Authorization:
/// Bearer</c>). A replay of the creation (same Idempotency-Key) has a null secret: it is never stored.
/// </summary>
public sealed record CreatedApiKeyDto(ApiKeyDto Key, string Secret);

/// <summary>
/// Creates a key. <see cref="AccountId"/> defaults to the caller's account (only an admin names
/// another); <see cref="Role"/> defaults to tenant; an agent key names its <see cref="Host"/>.
/// </summary>
public sealed record CreateApiKeyRequest(
    string? Name,
    string? AccountId = null,
    KeyRole? Role = null,
    string? Host = null,
    DateTime? ExpiresAt = null,
    int? RateLimitPerSecond = null);

/// <summary>Renames a key or changes its expiry (a time in the past expires it now).</summary>
public sealed record UpdateApiKeyRequest(string? Name = null, DateTime? ExpiresAt = null);

/// <summary>One change made through the API: who, what, when and how it ended.</summary>
public sealed record AuditEntryDto(
    long Id,
    DateTime At,
    string? AccountId,
    string? KeyId,
    string? KeyPrefix,
    string Method,
    string Path,
    string? ResourceId,
    int StatusCode,
    string? Code);
