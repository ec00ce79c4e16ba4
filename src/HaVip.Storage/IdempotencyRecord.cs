using HaVip.Domain.Accounts;

namespace HaVip.Storage;

/// <summary>
/// The first response to a POST with an Idempotency-Key, replayed on retries. Written in the
/// same transaction as the change it answers for, so a change never commits without it.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller's key id and the Idempotency-Key: another key, even of the same account, never sees this answer.</summary>
    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The role of the key that asked: a replay is served only to that role.</summary>
    public ApiKeyRole Role { get; init; }

    public int StatusCode { get; init; }

    public string? Location { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Empty when the response was too large to keep (<see cref="ResponseStored"/> false).</summary>
    public required byte[] Body { get; init; }

    /// <summary>False when the response was over the size limit: a retry is refused rather than run again.</summary>
    public bool ResponseStored { get; init; } = true;

    /// <summary>A secret in the response (a new key's) was left out of <see cref="Body"/>.</summary>
    public bool SecretOmitted { get; init; }

    public DateTime CreatedAt { get; init; }
}
