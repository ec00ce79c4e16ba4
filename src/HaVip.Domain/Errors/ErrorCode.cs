namespace HaVip.Domain.Errors;

/// <summary>Stable error codes. They are part of the public API: never rename one.</summary>
public enum ErrorCode
{
    InvalidParameter,
    IpNotInSubnet,
    IpReserved,
    TypeMismatch,
    TooManyInstances,
    InstanceNotInSubnet,
    NotFound,
    IpInUse,
    InstanceHaVipLimitExceeded,
    InvalidState,
    InUse,
    IdempotencyKeyReused,
    CidrOverlap,
    SubnetFull,
    MacInUse,
    PreconditionFailed,

    /// <summary>The service cannot answer now (database restarting); retry after the Retry-After header.</summary>
    Unavailable,

    /// <summary>No key, or a key that is unknown, expired or revoked (401).</summary>
    Unauthorized,

    /// <summary>The key is valid but may not do this (403): a tenant key on an admin endpoint, an agent key for another host.</summary>
    Forbidden,

    /// <summary>The key made too many requests; retry after the Retry-After header (429).</summary>
    RateLimited,

    /// <summary>The first answer to this Idempotency-Key was too large to keep, so a retry cannot be answered (409); look the result up instead.</summary>
    IdempotencyResponseNotStored,

    /// <summary>The request body is larger than the server accepts (413).</summary>
    PayloadTooLarge,
}
