namespace HaVip.Domain.HaVips;

/// <summary>An instance bound to a HAVIP: it may claim the VIP.</summary>
public sealed class HaVipBinding
{
    public required string HaVipId { get; init; }

    public required string InstanceId { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The bound instances' ids in the order they were bound (then by id): how a HAVIP lists them.</summary>
    public static IReadOnlyList<string> InstanceIdsInOrder(IEnumerable<HaVipBinding> bindings) =>
        bindings.OrderBy(b => b.CreatedAt).ThenBy(b => b.InstanceId, StringComparer.Ordinal).Select(b => b.InstanceId).ToArray();
}
