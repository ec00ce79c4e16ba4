namespace HaVip.Domain.Errors;

/// <summary>Collects every broken rule of a request, so the caller learns all of them at once.</summary>
public sealed class ErrorCollector
{
    private readonly List<DomainError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public void Add(ErrorCode code, string message, string? field = null) => _errors.Add(new DomainError(code, message, field));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new DomainException(_errors.ToArray());
        }
    }
}
