using System.Globalization;

namespace HaVip.Bench.DataPlane;

/// <summary>Median and p99 of a sample, printed in milliseconds.</summary>
internal static class Stats
{
    public static string Summary(string name, IReadOnlyList<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return $"{name}: no samples";
        }
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{name}: n={sorted.Length} median={At(0.5):0.0} ms p99={At(0.99):0.0} ms max={sorted[^1]:0.0} ms");
    }

    /// <summary>The median in seconds (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalSeconds).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
