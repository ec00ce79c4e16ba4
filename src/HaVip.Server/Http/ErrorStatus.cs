using HaVip.Domain.Errors;

namespace HaVip.Server.Http;

/// <summary>The HTTP status of each stable error code.</summary>
public static class ErrorStatus
{
    public static int Of(ErrorCode code) => code switch
    {
        ErrorCode.NotFound or ErrorCode.HostNotFound => StatusCodes.Status404NotFound,
        ErrorCode.IpInUse or ErrorCode.InstanceHaVipLimitExceeded or ErrorCode.InvalidState or ErrorCode.InUse
            or ErrorCode.CidrOverlap or ErrorCode.SubnetFull or ErrorCode.MacInUse or ErrorCode.PollReplaced or ErrorCode.KeyLimitExceeded or ErrorCode.IdempotencyResponseNotStored => StatusCodes.Status409Conflict,
        ErrorCode.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        ErrorCode.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCode.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string Title(ErrorCode code) => code switch
    {
        ErrorCode.InvalidParameter => "One or more parameters are invalid.",
        ErrorCode.IpNotInSubnet => "The IP address is not inside the subnet.",
        ErrorCode.IpReserved => "The IP address is reserved.",
        ErrorCode.TypeMismatch => "The type does not match the subnet.",
        ErrorCode.TooManyInstances => "Too many instances.",
        ErrorCode.InstanceNotInSubnet => "The instance has no NIC in the subnet.",
        ErrorCode.NotFound => "Not found.",
        ErrorCode.HostNotFound => "Host not found.",
        ErrorCode.IpInUse => "The IP address is in use.",
        ErrorCode.InstanceHaVipLimitExceeded => "The instance holds the most HAVIPs it can.",
        ErrorCode.InvalidState => "Not allowed in the current state.",
        ErrorCode.InUse => "The resource is in use.",
        ErrorCode.IdempotencyKeyReused => "The idempotency key was used for another request.",
        ErrorCode.CidrOverlap => "The CIDR overlaps another subnet.",
        ErrorCode.SubnetFull => "The subnet is full.",
        ErrorCode.MacInUse => "The MAC address is in use.",
        ErrorCode.PreconditionFailed => "The resource changed since you read it.",
        ErrorCode.Unavailable => "The service is temporarily unavailable.",
        ErrorCode.Unauthorized => "A valid API key is required.",
        ErrorCode.Forbidden => "This key may not do that.",
        ErrorCode.RateLimited => "Too many requests.",
        ErrorCode.PollReplaced => "A newer poll with this key replaced this one.",
        ErrorCode.KeyLimitExceeded => "The account holds the most keys it may.",
        ErrorCode.InvalidCharacter => "The text contains a character that is not allowed.",
        ErrorCode.PayloadTooLarge => "The request body is too large.",
        ErrorCode.UnsupportedMediaType => "The request body's media type is not supported.",
        ErrorCode.MethodNotAllowed => "The method is not allowed on this resource.",
        ErrorCode.IdempotencyResponseNotStored => "The first answer to this idempotency key was too large to keep.",
        ErrorCode.SubnetNotDualStack => "The subnet has no IPv6 prefix.",
        _ => code.ToString(),
    };
}
