namespace HaVip.Domain;

public static class Clock
{
    /// <summary>
    /// Now, in UTC, to the microsecond: the finest timestamp every supported database keeps, so a
    /// value read back equals the value written.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
