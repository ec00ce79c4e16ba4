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

    /// <summary>A newer long-poll with the same agent key took this one's place (409); the agent polls again after a pause.</summary>
    PollReplaced,
    /// <summary>The account holds the most live keys it may (409); revoke one first.</summary>
    KeyLimitExceeded,
    /// <summary>A name or remark holds a control character or a bidirectional-text control, which would make it display as something else (400).</summary>
    InvalidCharacter,

    /// <summary>The request body is larger than the server accepts (413).</summary>
    PayloadTooLarge,

    /// <summary>The request body's Content-Type is not one this endpoint reads (415).</summary>
    UnsupportedMediaType,

    /// <summary>The path exists but not with this method (405).</summary>
    MethodNotAllowed,

    /// <summary>The first answer to this Idempotency-Key was too large to keep, so a retry cannot be answered (409); look the result up instead.</summary>
    IdempotencyResponseNotStored,

    /// <summary>No agent registered a host of that name and no instance names it (404).</summary>
    HostNotFound,

    /// <summary>An IPv6 address (a HAVIP's, a NIC's) was asked of a subnet that has no IPv6 prefix (400).</summary>
    SubnetNotDualStack,
}
