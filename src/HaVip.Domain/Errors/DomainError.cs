namespace HaVip.Domain.Errors;

/// <summary>One broken rule. <paramref name="Field"/> names the input it concerns (camelCase), if any.</summary>
public sealed record DomainError(ErrorCode Code, string Message, string? Field = null);
