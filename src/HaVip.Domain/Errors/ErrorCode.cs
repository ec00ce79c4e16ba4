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
}
