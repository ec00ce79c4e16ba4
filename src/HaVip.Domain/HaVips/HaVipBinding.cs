namespace HaVip.Domain.HaVips;

/// <summary>An instance bound to a HAVIP: it may claim the VIP.</summary>
public sealed class HaVipBinding
{
    public required string HaVipId { get; init; }

    public required string InstanceId { get; init; }

    public DateTime CreatedAt { get; init; }
}
