using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HaVip.Bench.Fleet;

/// <summary>
/// The one writer over a phase, from the server's own histograms (<c>havip_write_wait_seconds</c>,
/// <c>havip_write_held_seconds</c>, by kind), scraped at the phase's two ends: per kind, the writes,
/// their total hold and its share of the phase's wall time (the writer's utilisation), and the wait
/// and hold medians and p99 read from the buckets (linear within a bucket, as Prometheus'
/// <c>histogram_quantile</c>). With replicas, their writers added up. A server that serves no such
/// histograms (a build before them) gets a line saying so.
/// </summary>
internal static partial class WriterLoad
{
    private const string Wait = "havip_write_wait_seconds";
    private const string Held = "havip_write_held_seconds";

    /// <summary>The histograms' first bucket's bound (the server's <c>WriteGateMetrics.Buckets</c>).</summary>
    private const double FirstBound = 0.0005;

    /// <summary>Every replica's histograms now, with the time they were read.</summary>
    public static async Task<Snapshot> TakeAsync(Replicas servers)
    {
        var histograms = new Dictionary<(string Name, string Kind), Histogram>();
        GcCounters? gc = null;
        for (var r = 0; r < servers.Count; r++)
        {
            try
            {
                var text = await servers.MetricsAsync(r, CancellationToken.None);
                Parse(text, histograms);
                gc = GcLoad.Parse(text, gc);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The table says the scrape failed rather than the run failing over a figure.
                return new Snapshot(Stopwatch.GetTimestamp(), null, $"a scrape of replica {r} failed: {e.Message}");
            }
        }
        return new Snapshot(Stopwatch.GetTimestamp(), histograms, null, gc);
    }

    /// <summary>The table of the phase between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static string Table(string phase, Snapshot before, Snapshot after)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, after.At);
        var head = string.Create(CultureInfo.InvariantCulture, $"the writer in {phase} ({wall.TotalSeconds:F1} s)");
        if (before.Histograms is null || after.Histograms is null)
        {
            return $"{head}: {before.Problem ?? after.Problem}";
        }
        if (!after.Histograms.Keys.Any())
        {
            return $"{head}: the server serves no {Wait} / {Held} (a build before them)";
        }
        var text = new StringBuilder($"{head}:\n\n")
            .AppendLine("| kind | writes | held s | writer's time | wait p50 ms | wait p99 ms | held p50 ms | held p99 ms | held max bucket ms |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var kinds = after.Histograms.Keys.Select(k => k.Kind).Distinct().OrderBy(k => Order(k)).ToArray();
        var (writes, heldTotal) = (0L, 0.0);
        foreach (var kind in kinds)
        {
            var wait = Difference(after, before, Wait, kind);
            var held = Difference(after, before, Held, kind);
            if (held.Count == 0 && wait.Count == 0)
            {
                continue;
            }
            writes += held.Count;
            heldTotal += held.Sum;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {held.Count:N0} | {held.Sum:F2} | {held.Sum / wall.TotalSeconds:P1} | {Ms(wait.Quantile(0.5))} | {Ms(wait.Quantile(0.99))} | {Ms(held.Quantile(0.5))} | {Ms(held.Quantile(0.99))} | {Ms(held.Top())} |"));
        }
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| all | {writes:N0} | {heldTotal:F2} | {heldTotal / wall.TotalSeconds:P1} | | | | | |"))
            .AppendLine().Append(GcLoad.Line(before.Gc, after.Gc, wall));
        return text.ToString();
    }

    /// <summary>
    /// Snapshots every second until <paramref name="ct"/> is cancelled (the first taken at once):
    /// the seconds of a phase, for <see cref="WorstSeconds"/>.
    /// </summary>
    public static async Task<List<Snapshot>> EverySecondAsync(Replicas servers, CancellationToken ct)
    {
        var seconds = new List<Snapshot>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            seconds.Add(await TakeAsync(servers));
        }
        while (await WaitAsync(timer, ct));
        return seconds;

        static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
        {
            try
            {
                return await timer.WaitForNextTickAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The <paramref name="count"/> seconds in which changes waited longest for the writer (their
    /// wait's p99 in that second), in time order: per second, each kind's writes, held time and
    /// longest hold (to a bucket), and the server's GC pauses in that second, so a change's long wait shows what held the writer meanwhile.
    /// </summary>
    public static string WorstSeconds(IReadOnlyList<Snapshot> seconds, int count)
    {
        var pairs = seconds.Zip(seconds.Skip(1)).Where(p => p.First.Histograms is not null && p.Second.Histograms is not null).ToArray();
        if (pairs.Length == 0 || pairs.All(p => !p.Second.Histograms!.Keys.Any()))
        {
            return "the writer second by second: no histograms served";
        }
        var start = seconds[0].At;
        var worst = pairs.Select(p => (p.First, p.Second, ChangeWait: Difference(p.Second, p.First, Wait, "change").Quantile(0.99) ?? 0))
            .OrderByDescending(p => p.ChangeWait).Take(count).OrderBy(p => p.First.At);
        var text = new StringBuilder($"the {count} seconds of the phase in which changes waited longest for the writer (per kind: writes / held ms / longest hold's bucket ms):\n\n")
            .AppendLine("| second | change wait p99 ms | holder | contact | acknowledgement | change | record | writer's time | GC: collections / paused ms |")
            .AppendLine("|---:|---:|---|---|---|---|---|---:|---:|");
        foreach (var (first, second, changeWait) in worst)
        {
            var wall = Stopwatch.GetElapsedTime(first.At, second.At).TotalSeconds;
            var cells = new[] { "holder", "contact", "acknowledgement", "change", "record" }.Select(kind =>
            {
                var held = Difference(second, first, Held, kind);
                return held.Count == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{held.Count} / {held.Sum * 1000:N0} / {Ms(held.Top())}");
            });
            var busy = new[] { "holder", "contact", "acknowledgement", "change", "record" }.Sum(kind => Difference(second, first, Held, kind).Sum);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Stopwatch.GetElapsedTime(start, first.At).TotalSeconds:F0} | {Ms(changeWait)} | {string.Join(" | ", cells)} | {busy / wall:P0} | {Gc(first.Gc, second.Gc)} |"));
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>A second's GC: its collections and their pause time; "—" without the counters.</summary>
    private static string Gc(GcCounters? before, GcCounters? after)
    {
        if (before is null || after is null)
        {
            return "—";
        }
        var d = after - before;
        return string.Create(CultureInfo.InvariantCulture, $"{d.Gen0 + d.Gen1 + d.Gen2} / {d.PauseSeconds * 1000:N0}");
    }

    /// <summary>The kinds highest level first, as the writer lets them in.</summary>
    private static int Order(string kind) => kind switch
    {
        "holder" => 0,
        "contact" => 1,
        "acknowledgement" => 2,
        "change" => 3,
        "record" => 4,
        _ => 5,
    };

    private static string Ms(double? seconds) => seconds switch
    {
        null => "—",
        double.PositiveInfinity => "> 10,000",
        // Within the first bucket: below its bound is all the histogram knows.
        { } s when s <= FirstBound => "< 0.5",
        { } s => (s * 1000).ToString(s < 0.01 ? "F2" : "N0", CultureInfo.InvariantCulture),
    };

    private static Histogram Difference(Snapshot after, Snapshot before, string name, string kind)
    {
        var a = after.Histograms!.GetValueOrDefault((name, kind)) ?? new Histogram();
        var b = before.Histograms!.GetValueOrDefault((name, kind)) ?? new Histogram();
        var d = new Histogram { Count = a.Count - b.Count, Sum = a.Sum - b.Sum };
        foreach (var (le, n) in a.Cumulative)
        {
            d.Cumulative[le] = n - b.Cumulative.GetValueOrDefault(le);
        }
        return d;
    }

    /// <summary>Adds the samples of <paramref name="text"/> (Prometheus text) to <paramref name="into"/>; a held histogram's outcomes added together.</summary>
    private static void Parse(string text, Dictionary<(string Name, string Kind), Histogram> into)
    {
        foreach (var line in text.Split('\n'))
        {
            if (Sample().Match(line) is not { Success: true } m)
            {
                continue;
            }
            var labels = m.Groups["labels"].Value;
            var kind = Label().Matches(labels).FirstOrDefault(l => l.Groups["key"].Value == "kind")?.Groups["value"].Value ?? "?";
            var histogram = into.TryGetValue((m.Groups["name"].Value, kind), out var h) ? h : into[(m.Groups["name"].Value, kind)] = new Histogram();
            var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            switch (m.Groups["part"].Value)
            {
                case "bucket":
                    var le = Label().Matches(labels).First(l => l.Groups["key"].Value == "le").Groups["value"].Value;
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                    histogram.Cumulative[bound] = histogram.Cumulative.GetValueOrDefault(bound) + (long)value;
                    break;
                case "sum":
                    histogram.Sum += value;
                    break;
                case "count":
                    histogram.Count += (long)value;
                    break;
            }
        }
    }

    [GeneratedRegex("""^(?<name>havip_write_(wait|held)_seconds)_(?<part>bucket|sum|count)\{(?<labels>[^}]*)\} (?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex("(?<key>[a-z_]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Label();

    /// <summary>
    /// Histograms read at <paramref name="At"/> (a <see cref="Stopwatch"/> timestamp); null with the <paramref name="Problem"/> that kept them;
    /// the GC's counters read with them (<see cref="GcLoad"/>; null when not served).
    /// </summary>
    internal sealed record Snapshot(long At, Dictionary<(string Name, string Kind), Histogram>? Histograms, string? Problem, GcCounters? Gc = null);

    /// <summary>One histogram: cumulative counts by upper bound, the count and the sum (seconds).</summary>
    internal sealed class Histogram
    {
        public SortedDictionary<double, long> Cumulative { get; } = [];

        public long Count { get; set; }

        public double Sum { get; set; }

        /// <summary>The <paramref name="q"/> quantile, linear within its bucket; infinity past the last finite bound; null with nothing recorded.</summary>
        public double? Quantile(double q)
        {
            if (Count <= 0)
            {
                return null;
            }
            var rank = q * Count;
            var (lower, below) = (0.0, 0L);
            foreach (var (le, n) in Cumulative)
            {
                if (n >= rank)
                {
                    return double.IsPositiveInfinity(le) ? le : lower + ((le - lower) * (rank - below) / Math.Max(1, n - below));
                }
                (lower, below) = (le, n);
            }
            return double.PositiveInfinity;
        }

        /// <summary>The upper bound of the highest bucket that holds a write: the longest hold, to a bucket.</summary>
        public double? Top()
        {
            double? top = null;
            var below = 0L;
            foreach (var (le, n) in Cumulative)
            {
                if (n > below)
                {
                    top = le;
                }
                below = n;
            }
            return top;
        }
    }
}
