namespace HaVip.Domain.Accounts;

/// <summary>One change requested through the API: who, what, when and how it ended.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public DateTime At { get; init; }

    public string? AccountId { get; init; }

    public string? KeyId { get; init; }

    public string? KeyPrefix { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string? ResourceId { get; init; }

    public int StatusCode { get; init; }

    /// <summary>The problem's stable code when the change was refused.</summary>
    public string? Code { get; init; }
}
