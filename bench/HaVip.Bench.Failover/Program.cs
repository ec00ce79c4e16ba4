using System.Globalization;
using HaVip.Bench.Failover;
using HaVip.Vrrpd.Tests.Network;

// Failover time, keepalived vs havipd, interleaved fault by fault on the same machine.
// Usage: HaVip.Bench.Failover [faults per case, default 10]
//      | scale [seconds, default 60] [keepalived|havipd, default both]
//      | single [keepalived|havipd, default both]
// HAVIPD_EXE=path runs that havipd executable (a Native AOT publish) instead of `dotnet havipd.dll`.
if (args is ["scale", ..])
{
    var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
    Console.WriteLine($"# 1,000 instances in one process, v2 advert_int 1, {seconds} s window after 15 s warm-up, havipd: {HavipdPath.Describe}");
    Console.WriteLine("| implementation | instances | VIPs held | packets/s | CPU (s) | user (s) | system (s) | CPU share | RSS (MiB) |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var implementation in args.Length > 2 ? args[2..] : ["keepalived", "havipd"])
        Console.WriteLine(ScaleRun.Measure(implementation, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(seconds)));
    return;
}

if (args is ["single", ..])
{
    Console.WriteLine($"# one instance, havipd: {HavipdPath.Describe}");
    Console.WriteLine("| implementation | start to BACKUP (ms) | RSS after 10 s as master (MiB) |");
    Console.WriteLine("|---|---|---|");
    foreach (var implementation in args.Length > 1 ? args[1..] : ["keepalived", "havipd"])
        Console.WriteLine(SingleRun.Measure(implementation));
    return;
}

var faults = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
(int Version, string AdvertInt, double Seconds)[] cases = [(2, "1", 1), (3, "0.1", 0.1), (3, "0.05", 0.05)];
Console.WriteLine($"# havipd failover, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} CPUs, kernel {Environment.OSVersion.Version}, {faults} faults per case");
Console.WriteLine("| VRRP | advert_int | implementation | median (s) | max (s) | RFC Master_Down_Interval of the backup (s) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (version, advertInt, seconds) in cases)
{
    using var keepalived = new FailoverRun("keepalived", version, advertInt, TimeSpan.FromSeconds(seconds));
    using var havipd = new FailoverRun("havipd", version, advertInt, TimeSpan.FromSeconds(seconds));
    keepalived.Start();
    havipd.Start();
    var settle = TimeSpan.FromSeconds(Math.Max(5, 8 * seconds));
    for (var i = 0; i < faults; i++)
    {
        keepalived.Measure(settle);
        havipd.Measure(settle);
    }

    // RFC 5798 section 6.1 for the priority-120 backup: 3 x interval + (256 - 120) / 256 x interval.
    var masterDown = (3 * seconds) + ((256 - 120) / 256.0 * (version == 2 ? 1 : seconds));
    var medians = new Dictionary<string, double>();
    foreach (var run in new[] { keepalived, havipd })
    {
        var sorted = run.Samples.Select(s => s.TotalSeconds).Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        medians[run.Implementation] = median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| v{version} | {advertInt} | {run.Implementation} | {median:F3} | {sorted[^1]:F3} | {masterDown:F3} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| v{version} | {advertInt} | ratio havipd/keepalived (median) | {medians["havipd"] / medians["keepalived"]:F2} | | |"));
}
