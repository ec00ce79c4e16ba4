namespace HaVip.Domain.HaVips;

/// <summary>
/// What one hypervisor host has applied of one HAVIP. A HAVIP is settled when every host that
/// must carry it has applied its current <see cref="HighAvailabilityVip.Generation"/>. Part of the
/// HAVIP aggregate: only the HAVIP changes it.
/// </summary>
public sealed class HostApply
{
    public required string HaVipId { get; init; }

    public required string Host { get; init; }

    /// <summary>Generation the host must apply (0 = nothing yet).</summary>
    public long RequiredGeneration { get; private set; }

    public long AppliedGeneration { get; private set; }

    /// <summary>Why the host could not apply the required generation, if it said so.</summary>
    public string? Error { get; private set; }

    public bool HasApplied => AppliedGeneration >= RequiredGeneration;

    public bool IsSettled => HasApplied && Error is null;

    internal void Require(long sequence)
    {
        RequiredGeneration = sequence;
        Error = null;
    }

    /// <summary>
    /// Takes an acknowledgement of everything up to <paramref name="appliedSequence"/>; false when
    /// it changes nothing: older than the required change, or this row was applied already with
    /// the same error. Change numbers are region-wide, so a host's ack names a newer number than
    /// most of its rows require; those rows stay as they are rather than being rewritten on every ack.
    /// </summary>
    internal bool Acknowledge(long appliedSequence, string? error)
    {
        if (appliedSequence < RequiredGeneration || (HasApplied && Error == error))
        {
            return false;
        }
        AppliedGeneration = Math.Max(AppliedGeneration, appliedSequence);
        Error = error;
        return true;
    }
}
