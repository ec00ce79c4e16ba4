using System.Globalization;

namespace HaVip.Bench.Failover;

/// <summary>Each mode prints a markdown table for docs/benchmarks.md; a failed run throws.</summary>
internal static class Modes
{
    public static void Failover(int faults, string advertInt = "0.02")
    {
        var interval = TimeSpan.FromSeconds(double.Parse(advertInt, CultureInfo.InvariantCulture));
        Console.WriteLine($"# client-observed failover, v3 advert_int {advertInt}, master's link down, client probing every 2 ms, {faults} faults each, interleaved");
        Console.WriteLine("| implementation | median (ms) | p99 (ms) | max (ms) | RFC Master_Down_Interval of the priority-120 backup (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        using var keepalived = new FailoverRun("keepalived", 3, advertInt, interval, TimeSpan.FromMilliseconds(2));
        using var havipd = new FailoverRun("havipd", 3, advertInt, interval, TimeSpan.FromMilliseconds(2));
        keepalived.Start();
        havipd.Start();
        var settle = TimeSpan.FromSeconds(10);
        for (var i = 0; i < faults; i++)
        {
            keepalived.Measure(settle);
            havipd.Measure(settle);
        }

        // RFC 5798 section 6.1: 3 × interval + (256 - 120) / 256 × interval.
        var masterDown = ((3 * interval) + (interval * (136 / 256.0))).TotalMilliseconds;
        foreach (var run in new[] { keepalived, havipd })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run.Implementation} | {Percentile(run.Samples, 0.5):F1} | {Percentile(run.Samples, 0.99):F1} | {run.Samples.Max().TotalMilliseconds:F1} | {masterDown:F1} |"));
    }

    public static void Stability(TimeSpan window, string extraGlobal)
    {
        Console.WriteLine("# no false failover: a havipd pair and a keepalived pair at v3 advert_int 0.02 side by side, CPU burner running");
        Console.WriteLine("| window | burner loops | havipd state changes | keepalived state changes | havipd longest GC pause (ms) | havipd longest timer lateness (ms) | global_defs added |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(StabilityRun.Measure(window, extraGlobal));
    }

    public static void Handover(int handovers)
    {
        Console.WriteLine($"# graceful handover: SIGTERM on the master, v3 advert_int 0.02, client probing every 2 ms, {handovers} each; bound Skew_Time + 20 ms = {(HandoverRun.SkewTime + TimeSpan.FromMilliseconds(20)).TotalMilliseconds:F1} ms");
        Console.WriteLine("| implementation | median gap (ms) | max gap (ms) |");
        Console.WriteLine("|---|---|---|");
        using var keepalived = new HandoverRun("keepalived");
        using var havipd = new HandoverRun("havipd");
        keepalived.Start();
        havipd.Start();
        for (var i = 0; i < handovers; i++)
        {
            keepalived.Measure(TimeSpan.FromSeconds(15));
            havipd.Measure(TimeSpan.FromSeconds(15));
        }

        foreach (var run in new[] { keepalived, havipd })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run.Implementation} | {Percentile(run.Gaps, 0.5):F1} | {run.Gaps.Max().TotalMilliseconds:F1} |"));
    }

    /// <param name="builds">Other havipd executables to run side by side with the one under test (label=PATH), each in turn, <paramref name="rounds"/> times.</param>
    public static void Pairs(int links, int vridsPerLink, TimeSpan warmup, TimeSpan window, IReadOnlyList<string>? builds = null, int rounds = 1)
    {
        Console.WriteLine($"# {links * vridsPerLink} instances with backups: 2 processes per implementation, each master of half, v2 advert_int 1, {window.TotalSeconds:F0} s window after {warmup.TotalSeconds:F0} s");
        Console.WriteLine("| implementation | instances | VIPs held | CPU both processes (s) | CPU share | RSS per process (MiB) | file-backed / anonymous per process (MiB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var underTest = Environment.GetEnvironmentVariable("HAVIPD_EXE");
        for (var round = 0; round < rounds; round++)
        {
            Console.WriteLine(PairsRun.Measure("keepalived", links, vridsPerLink, warmup, window));
            foreach (var build in builds ?? [])
            {
                var (label, path) = (build[..build.IndexOf('=', StringComparison.Ordinal)], build[(build.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                // HavipdPath reads HAVIPD_EXE at each start: the bench is the process's only user of it.
                Environment.SetEnvironmentVariable("HAVIPD_EXE", path);
                Console.WriteLine(PairsRun.Measure("havipd", links, vridsPerLink, warmup, window).Replace("| havipd |", $"| havipd {label} |", StringComparison.Ordinal));
            }

            Environment.SetEnvironmentVariable("HAVIPD_EXE", underTest);
            Console.WriteLine(PairsRun.Measure("havipd", links, vridsPerLink, warmup, window));
        }
    }

    public static void Scale(int seconds, string[] implementations)
    {
        Console.WriteLine($"# 1,000 instances in one process, v2 advert_int 1, {seconds} s window after 15 s warm-up");
        Console.WriteLine("| implementation | instances | VIPs held | packets/s | CPU (s) | user (s) | system (s) | CPU share | RSS (MiB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var implementation in implementations.Length > 0 ? implementations : ["keepalived", "havipd"])
            Console.WriteLine(ScaleRun.Measure(implementation, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(seconds)));
    }

    public static void Single(string[] implementations)
    {
        Console.WriteLine("| implementation | start to BACKUP (ms) | RSS after 10 s as master (MiB) |");
        Console.WriteLine("|---|---|---|");
        foreach (var implementation in implementations)
            Console.WriteLine(SingleRun.Measure(implementation));
    }

    /// <summary>Every new mode at a tiny size: a wrong topology, a daemon that never settles or a failed scrape throws.</summary>
    public static void Smoke()
    {
        Failover(2);
        Stability(TimeSpan.FromSeconds(3), "");
        Handover(1);
        Pairs(2, 4, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(2));
    }

    /// <summary>Nearest rank: with 50 samples p99 is the largest.</summary>
    private static double Percentile(List<TimeSpan> samples, double p)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
