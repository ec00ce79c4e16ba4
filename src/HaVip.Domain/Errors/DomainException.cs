namespace HaVip.Domain.Errors;

/// <summary>
/// A request broke one or more domain rules. Thrown before anything is stored, so a refused
/// request never leaves a half-done change behind.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(IReadOnlyList<DomainError> errors)
        : base(errors.Count > 0 ? errors[0].Message : "invalid request")
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("at least one error is required", nameof(errors));
        }
        Errors = errors;
    }

    public DomainException(ErrorCode code, string message, string? field = null)
        : this([new DomainError(code, message, field)])
    {
    }

    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>The code of the whole failure: the first error's.</summary>
    public ErrorCode Code => Errors[0].Code;

    public static DomainException NotFound(string kind, string id) =>
        new(ErrorCode.NotFound, $"{kind} '{id}' does not exist.");
}
