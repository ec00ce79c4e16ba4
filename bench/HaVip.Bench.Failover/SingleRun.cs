using System.Diagnostics;
using System.Globalization;
using HaVip.Lab.Vrrp;
using HaVip.Testing;

namespace HaVip.Bench.Failover;

/// <summary>
/// One daemon with one instance (v3, advert_int 0.1): the time from starting it (through
/// `ip netns exec`) to its BACKUP log line, and its resident memory after 10 s as master.
/// </summary>
internal static class SingleRun
{
    public static string Measure(string implementation)
    {
        using var lab = new NetLab(nodes: 1);
        var conf = Conf.Simple("n1", 100);
        var clock = Stopwatch.StartNew();
        var process = implementation == "havipd" ? lab.Havipd(1, conf) : lab.Keepalived(1, conf);
        if (!Eventually.Until(() => process.Output.Contains("Entering BACKUP STATE", StringComparison.Ordinal), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1)))
            throw new InvalidOperationException($"{implementation} never entered BACKUP\n{lab.Logs()}");
        var started = clock.Elapsed;
        Thread.Sleep(TimeSpan.FromSeconds(11));
        var pid = implementation == "havipd" ? process.Pid : int.Parse(File.ReadAllText(Path.Combine(lab.Directory, "n1.vrrp.pid")).Trim(), CultureInfo.InvariantCulture);
        var rssKb = long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"| {implementation} | {started.TotalMilliseconds:F0} | {rssKb / 1024.0:F1} |");
    }
}
