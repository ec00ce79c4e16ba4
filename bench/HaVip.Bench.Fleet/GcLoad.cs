using System.Globalization;
using System.Text.RegularExpressions;

namespace HaVip.Bench.Fleet;

/// <summary>
/// The server's GC over a phase, from the runtime's own counters on its <c>/metrics</c>
/// (<c>dotnet_gc_collections_total</c> by generation, <c>dotnet_gc_pause_time_seconds_total</c>,
/// <c>dotnet_gc_heap_total_allocated_bytes_total</c>): read with the writer's histograms at a
/// phase's two ends, their difference is the phase's collections, pause time and allocation.
/// With replicas, the replicas' counters added up.
/// </summary>
internal static partial class GcLoad
{
    /// <summary>The counters in <paramref name="text"/> (Prometheus text) added to <paramref name="into"/>; null when the text has none (a build before them).</summary>
    public static GcCounters? Parse(string text, GcCounters? into = null)
    {
        var found = false;
        var (gen0, gen1, gen2, pause, allocated) = into is null ? (0L, 0L, 0L, 0.0, 0.0) : (into.Gen0, into.Gen1, into.Gen2, into.PauseSeconds, into.AllocatedBytes);
        foreach (var line in text.Split('\n'))
        {
            if (Sample().Match(line) is not { Success: true } m)
            {
                continue;
            }
            found = true;
            var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            switch (m.Groups["name"].Value, m.Groups["generation"].Value)
            {
                case ("dotnet_gc_collections_total", "gen0"):
                    gen0 += (long)value;
                    break;
                case ("dotnet_gc_collections_total", "gen1"):
                    gen1 += (long)value;
                    break;
                case ("dotnet_gc_collections_total", "gen2"):
                    gen2 += (long)value;
                    break;
                case ("dotnet_gc_pause_time_seconds_total", _):
                    pause += value;
                    break;
                case ("dotnet_gc_heap_total_allocated_bytes_total", _):
                    allocated += value;
                    break;
            }
        }
        return found ? new GcCounters(gen0, gen1, gen2, pause, allocated) : into;
    }

    /// <summary>One line: the phase's collections by generation, pause time and its share of <paramref name="wall"/>, the mean pause, allocation a second.</summary>
    public static string Line(GcCounters? before, GcCounters? after, TimeSpan wall)
    {
        if (before is null || after is null)
        {
            return "the server's GC: no dotnet_gc_* counters served (a build before them)";
        }
        var d = after - before;
        var collections = d.Gen0 + d.Gen1 + d.Gen2;
        return string.Create(CultureInfo.InvariantCulture,
            $"the server's GC: {collections:N0} collections (gen0 {d.Gen0:N0}, gen1 {d.Gen1:N0}, gen2 {d.Gen2:N0}), paused {d.PauseSeconds:F2} s "
            + $"({d.PauseSeconds / Math.Max(wall.TotalSeconds, 1e-9):P1} of the wall time), {(collections == 0 ? "—" : (d.PauseSeconds * 1000 / collections).ToString("F1", CultureInfo.InvariantCulture))} ms a collection, "
            + $"{d.AllocatedBytes / (1 << 20) / Math.Max(wall.TotalSeconds, 1e-9):N0} MiB allocated a second");
    }

    [GeneratedRegex("""^(?<name>dotnet_gc_(collections_total|pause_time_seconds_total|heap_total_allocated_bytes_total))(\{[^}]*?(gc_heap_generation="(?<generation>[^"]*)")?[^}]*\})? (?<value>\S+)""")]
    private static partial Regex Sample();
}

/// <summary>The GC's counters since the server started: collections by generation, total pause seconds, bytes allocated.</summary>
internal sealed record GcCounters(long Gen0, long Gen1, long Gen2, double PauseSeconds, double AllocatedBytes)
{
    public static GcCounters operator -(GcCounters a, GcCounters b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseSeconds - b.PauseSeconds, a.AllocatedBytes - b.AllocatedBytes);
}
