using HaVip.Contracts.Api;
using HaVip.Domain.Accounts;

namespace HaVip.Server.Access;

/// <summary>Accounts, keys and audit entries → wire.</summary>
public static class AccountMapping
{
    public static AccountDto ToDto(this Account a) => new(a.Id, a.Name, a.CreatedAt);

    public static ApiKeyDto ToDto(this ApiKey k) => new(
        k.Id, k.Name, k.AccountId, k.Role.ToWire(), k.Prefix, k.Host, k.RateLimitPerSecond, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt);

    public static AuditEntryDto ToDto(this AuditEntry e) => new(
        e.Id, e.At, e.AccountId, e.KeyId, e.KeyPrefix, e.Method, e.Path, e.ResourceId, e.StatusCode, e.Code);

    public static KeyRole ToWire(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => KeyRole.Admin,
        ApiKeyRole.Agent => KeyRole.Agent,
        _ => KeyRole.Tenant,
    };

    public static ApiKeyRole ToDomain(this KeyRole role) => role switch
    {
        KeyRole.Admin => ApiKeyRole.Admin,
        KeyRole.Agent => ApiKeyRole.Agent,
        _ => ApiKeyRole.Tenant,
    };
}
