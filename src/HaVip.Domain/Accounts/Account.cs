namespace HaVip.Domain.Accounts;

/// <summary>A tenant. Every VPC, subnet, instance and HAVIP belongs to exactly one account.</summary>
public sealed class Account
{
    /// <summary>The account that owns what existed before accounts did, and the embedded default's demo inventory.</summary>
    public const string DefaultId = "acct-default";

    public required string Id { get; init; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; init; }
}
