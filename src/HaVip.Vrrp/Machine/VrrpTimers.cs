using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Machine;

/// <summary>
/// The RFC timer formulas, in whole microseconds as keepalived computes them so that timings match
/// a keepalived peer to the microsecond.
/// </summary>
public static class VrrpTimers
{
    private const long MicrosPerSecond = 1_000_000;

    /// <summary>
    /// RFC 5798 section 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
    /// RFC 3768 section 6.1 (v2): Skew_Time = (256 - Priority) / 256 seconds.
    /// </summary>
    public static TimeSpan SkewTime(VrrpVersion version, int priority, TimeSpan masterAdverInterval)
    {
        var interval = version == VrrpVersion.V2 ? MicrosPerSecond : Micros(masterAdverInterval);
        return TimeSpan.FromMicroseconds((256 - priority) * interval / 256);
    }

    /// <summary>RFC 5798 section 6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time.</summary>
    public static TimeSpan MasterDownInterval(VrrpVersion version, int priority, TimeSpan masterAdverInterval) =>
        TimeSpan.FromMicroseconds(3 * Micros(masterAdverInterval)) + SkewTime(version, priority, masterAdverInterval);

    private static long Micros(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMicrosecond;
}
