namespace HaVip.Domain.HaVips;

/// <summary>
/// When the leader must next evaluate the HAVIP's health findings (docs/vrrp-observation.md §5):
/// at once after anything its findings read changed, else at the moment a finding starts by time
/// alone. Not the HAVIP's configuration: the version stays.
/// </summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>The next evaluation of its findings; null when only a change can alter them.</summary>
    public DateTime? HealthDueAt { get; private set; }

    /// <summary>Something the findings read changed at <paramref name="now"/>: evaluate then, unless an earlier evaluation is due.</summary>
    public void HealthDue(DateTime now)
    {
        if (HealthDueAt is null || HealthDueAt > now)
        {
            HealthDueAt = now;
        }
    }
}
