namespace HaVip.Net.Vrrp;

/// <summary>
/// Conversions between advertisement intervals and their wire units: whole seconds in an
/// 8-bit field for v2 (RFC 3768 §5.3.7), centiseconds in a 12-bit field for v3 (RFC 5798
/// §5.2.7), so 0.01 s to 40.95 s.
/// </summary>
public static class VrrpAdvertInterval
{
    /// <summary>Smallest v2 interval.</summary>
    public static TimeSpan MinV2 => TimeSpan.FromSeconds(1);

    /// <summary>Largest v2 interval.</summary>
    public static TimeSpan MaxV2 => TimeSpan.FromSeconds(255);

    /// <summary>Smallest v3 interval.</summary>
    public static TimeSpan MinV3 => TimeSpan.FromMilliseconds(10);

    /// <summary>Largest v3 interval.</summary>
    public static TimeSpan MaxV3 => TimeSpan.FromMilliseconds(40_950);

    /// <summary>The interval a wire value stands for.</summary>
    public static TimeSpan FromWire(VrrpVersion version, ushort units) =>
        version == VrrpVersion.V2 ? TimeSpan.FromSeconds(units) : TimeSpan.FromMilliseconds(units * 10L);

    /// <summary>
    /// The wire value for an interval; false when out of the version's range or not a whole
    /// number of units (seconds for v2, centiseconds for v3).
    /// </summary>
    public static bool TryToWire(VrrpVersion version, TimeSpan interval, out ushort units)
    {
        units = 0;
        var (unit, min, max) = version == VrrpVersion.V2
            ? (TimeSpan.FromSeconds(1), MinV2, MaxV2)
            : (TimeSpan.FromMilliseconds(10), MinV3, MaxV3);
        if (interval < min || interval > max || interval.Ticks % unit.Ticks != 0)
            return false;
        units = (ushort)(interval.Ticks / unit.Ticks);
        return true;
    }
}
