namespace HaVip.Domain.Hosts;

/// <summary>One entry of a host's history: registered (or moved), went stale, came back, repaired kernel drift.</summary>
public sealed class HostEvent
{
    public long Id { get; init; }

    public required string Host { get; init; }

    public DateTime At { get; init; }

    public required string Kind { get; init; }

    public required string Message { get; init; }
}
