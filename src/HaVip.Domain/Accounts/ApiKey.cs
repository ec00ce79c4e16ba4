namespace HaVip.Domain.Accounts;

/// <summary>
/// An API key. Only the SHA-256 of its secret is stored: a leaked database does not leak keys.
/// The secret's first characters (<see cref="Prefix"/>) are kept so that people can tell keys apart.
/// </summary>
public sealed class ApiKey
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string AccountId { get; init; }

    public ApiKeyRole Role { get; init; }

    public required string Prefix { get; init; }

    public required string Hash { get; init; }

    /// <summary>The host an agent key speaks for; null for other roles.</summary>
    public string? Host { get; init; }

    /// <summary>Requests per second this key may make; null means the server's default.</summary>
    public int? RateLimitPerSecond { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
