namespace HaVip.Domain.HaVips;

/// <summary>One entry of a HAVIP's timeline: a status change, a master change, a spoof attempt, a health finding's start or end.</summary>
public sealed class HaVipEvent
{
    public long Id { get; init; }

    public required string HaVipId { get; init; }

    public DateTime At { get; init; }

    public required string Kind { get; init; }

    public required string Message { get; init; }

    public HaVipStatus? Status { get; init; }

    public string? InstanceId { get; init; }

    /// <summary>The health finding's code, on <see cref="HaVipEventKinds.FindingStarted"/> and <see cref="HaVipEventKinds.FindingEnded"/>.</summary>
    public string? Finding { get; init; }

    /// <summary>The instances a finding involves, comma-separated.</summary>
    public string? Instances { get; init; }
}
