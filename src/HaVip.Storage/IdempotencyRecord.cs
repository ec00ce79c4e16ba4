namespace HaVip.Storage;

/// <summary>The first response to a POST with an Idempotency-Key, replayed on retries.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; init; }

    public string? Location { get; init; }

    public string? ContentType { get; init; }

    public required byte[] Body { get; init; }

    public DateTime CreatedAt { get; init; }
}
