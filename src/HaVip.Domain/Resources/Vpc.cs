namespace HaVip.Domain.Resources;

public sealed class Vpc
{
    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string Name { get; init; }

    public required string Cidr { get; init; }

    public DateTime CreatedAt { get; init; }
}
