namespace HaVip.Domain.HaVips;

/// <summary>
/// What one hypervisor host has applied of one HAVIP. A HAVIP is settled when every host that
/// must carry it has applied its current <see cref="HighAvailabilityVip.Generation"/>.
/// </summary>
public sealed class HostApply
{
    public required string HaVipId { get; init; }

    public required string Host { get; init; }

    /// <summary>Generation the host must apply (0 = nothing yet).</summary>
    public long RequiredGeneration { get; set; }

    public long AppliedGeneration { get; set; }

    /// <summary>Why the host could not apply the required generation, if it said so.</summary>
    public string? Error { get; set; }

    public bool IsSettled => AppliedGeneration >= RequiredGeneration && Error is null;
}
