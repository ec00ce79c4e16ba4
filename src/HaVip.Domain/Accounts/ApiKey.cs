using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Accounts;

/// <summary>
/// An API key. Only the SHA-256 of its secret is stored: a leaked database does not leak keys.
/// The secret's first characters (<see cref="Prefix"/>) are kept so that people can tell keys apart.
/// </summary>
public sealed class ApiKey
{
    /// <summary>Last use is kept to the minute: writing it on every request would double the writes.</summary>
    public static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    private string _name = "";
    private DateTime? _expiresAt;
    private DateTime? _revokedAt;
    private DateTime? _lastUsedAt;

    public required string Id { get; init; }

    public required string Name { get => _name; init => _name = value; }

    public required string AccountId { get; init; }

    public ApiKeyRole Role { get; init; }

    public required string Prefix { get; init; }

    public required string Hash { get; init; }

    /// <summary>The host an agent key speaks for; null for other roles.</summary>
    public string? Host { get; init; }

    /// <summary>Requests per second this key may make; null means the server's default.</summary>
    public int? RateLimitPerSecond { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ExpiresAt { get => _expiresAt; init => _expiresAt = value; }

    public DateTime? RevokedAt { get => _revokedAt; init => _revokedAt = value; }

    public DateTime? LastUsedAt { get => _lastUsedAt; init => _lastUsedAt = value; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>A new name, checked as every resource name is, stored trimmed.</summary>
    public void Rename(string name)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        errors.ThrowIfAny();
        _name = name.Trim();
    }

    /// <summary>
    /// Moves the expiry as <see cref="KeyRules.ExpiryFor"/> says it takes effect. A tenant may only
    /// bring it forward (<see cref="KeyRules.CheckExpiryChange"/>); an admin may also extend it.
    /// </summary>
    public void ChangeExpiry(DateTime requested, DateTime now, bool byAdmin)
    {
        var at = KeyRules.ExpiryFor(ExpiresAt, requested, now);
        if (!byAdmin)
        {
            var refused = new ErrorCollector();
            KeyRules.CheckExpiryChange(ExpiresAt, at, refused);
            refused.ThrowIfAny();
        }
        _expiresAt = at;
    }

    /// <summary>Revoking is final and idempotent: a revoked key stays revoked at its first revocation's time.</summary>
    public void Revoke(DateTime now) => _revokedAt ??= now;

    /// <summary>Records a use seen at <paramref name="seen"/>, unless the stored one is within <see cref="UsageResolution"/>; true when it changed.</summary>
    public bool RecordUse(DateTime seen)
    {
        if (LastUsedAt is { } stored && seen - stored < UsageResolution)
        {
            return false;
        }
        _lastUsedAt = seen;
        return true;
    }
}
