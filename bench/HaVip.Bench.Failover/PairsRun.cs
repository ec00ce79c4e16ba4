using System.Globalization;
using System.Text;
using HaVip.Lab.Processes;
using HaVip.Lab.Vrrp;

namespace HaVip.Bench.Failover;

/// <summary>
/// 1,000 instances with backups: two processes of one implementation in two namespaces joined by
/// four veth links, 250 VRIDs per link; each process is master of half its instances (priority
/// 200) and backup of the other half (priority 100), so both send and both receive. v2 advert_int
/// 1. CPU of both processes over the window, and each one's resident memory.
/// </summary>
internal static class PairsRun
{
    public static string Measure(string implementation, int links, int vridsPerLink, TimeSpan warmup, TimeSpan window)
    {
        // HAVIP_LAB_PREFIX: whoever runs the bench beside others names its namespaces apart.
        using var lab = new NetLab(nodes: 2, prefix: Environment.GetEnvironmentVariable("HAVIP_LAB_PREFIX") is { Length: > 0 } p ? p : "hvd");
        for (var l = 1; l < links; l++)
        {
            Shell.Ip("link", "add", $"{lab.Prefix}a{l}", "type", "veth", "peer", "name", $"{lab.Prefix}b{l}");
            for (var node = 1; node <= 2; node++)
            {
                var end = $"{lab.Prefix}{(node == 1 ? 'a' : 'b')}{l}";
                Shell.Ip("link", "set", end, "netns", lab.Ns(node));
                Shell.Ip("-n", lab.Ns(node), "link", "set", end, "name", $"eth{l}");
                Shell.Ip("-n", lab.Ns(node), "addr", "add", $"10.{80 + l}.0.{node}/16", "dev", $"eth{l}");
                Shell.Ip("-n", lab.Ns(node), "link", "set", $"eth{l}", "up");
            }
        }

        var processes = new[] { 1, 2 }.Select(node =>
        {
            var conf = Config(node, links, vridsPerLink);
            return implementation == "havipd" ? lab.Havipd(node, conf) : lab.Keepalived(node, conf);
        }).ToList();
        Thread.Sleep(warmup);
        var pids = new[] { 1, 2 }.Select(n => VrrpPid(lab, implementation, processes[n - 1], n)).ToList();
        var cpu0 = pids.Sum(CpuSeconds);
        Thread.Sleep(window);
        var cpu = pids.Sum(CpuSeconds) - cpu0;
        var rss = pids.Select(p => RssKb(p) / 1024.0).ToList();
        var split = string.Join(" ; ", pids.Select(Split));
        var heap = implementation == "havipd" ? $" (GC heap / committed [/ allocated since start-up] MB: {string.Join(" ; ", new[] { 1, 2 }.Select(n => GcMegabytes(lab.ControlPath(n))))})" : "";
        var masters = new[] { 1, 2 }.Sum(n => Shell.Ip("-n", lab.Ns(n), "-o", "addr", "show").Split('\n').Count(l => l.Contains(" 10.9", StringComparison.Ordinal)));
        var total = links * vridsPerLink;
        if (masters != total)
            throw new InvalidOperationException($"{implementation}: {masters} VIPs held, expected {total} (one per VRID)\n{Tail(lab.Logs())}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {implementation} | 2 × {total} | {masters} | {cpu:F2} | {100 * cpu / window.TotalSeconds:F1} % | {rss[0]:F1} / {rss[1]:F1}{heap} | {split} |");
    }

    private static string Tail(string logs) => logs.Length > 4000 ? logs[^4000..] : logs;

    /// <summary>Node 1 is master (200) of the first half of each link's VRIDs, node 2 of the second half.</summary>
    private static string Config(int node, int links, int vridsPerLink)
    {
        var b = new StringBuilder(Conf.Global($"pairs{node}"));
        for (var l = 0; l < links; l++)
        {
            for (var v = 1; v <= vridsPerLink; v++)
            {
                var firstHalf = v <= vridsPerLink / 2;
                var priority = firstHalf == (node == 1) ? 200 : 100;
                b.Append(CultureInfo.InvariantCulture, $$"""
                    vrrp_instance VI_{{l}}_{{v}} {
                        interface eth{{l}}
                        virtual_router_id {{v}}
                        priority {{priority}}
                        advert_int 1
                        virtual_ipaddress {
                            10.{{90 + l}}.{{v}}.1/32
                        }
                    }

                    """);
            }
        }

        return b.ToString();
    }

    private static int VrrpPid(NetLab lab, string implementation, VrrpProcess process, int node) =>
        implementation == "havipd" ? process.Pid : int.Parse(File.ReadAllText(Path.Combine(lab.Directory, $"n{node}.vrrp.pid")).Trim(), CultureInfo.InvariantCulture);

    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// `havipd status`'s managed heap: live objects and garbage as of the last collection, what the
    /// GC has committed, and what the daemon allocated since start-up finished (this request's rows included).
    /// </summary>
    private static string GcMegabytes(string control)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(control));
        socket.Send("status\n"u8);
        using var reply = new MemoryStream();
        var buffer = new byte[65536];
        int n;
        while ((n = socket.Receive(buffer)) > 0)
            reply.Write(buffer, 0, n);
        using var doc = System.Text.Json.JsonDocument.Parse(reply.ToArray());
        var runtime = doc.RootElement.GetProperty("runtime");
        // Older builds do not report what they allocated since start-up.
        var allocated = runtime.TryGetProperty("gcAllocatedSinceStartBytes", out var a) ? string.Create(CultureInfo.InvariantCulture, $" / {a.GetInt64() / 1e6:F1}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{runtime.GetProperty("gcHeapBytes").GetInt64() / 1e6:F1} / {runtime.GetProperty("gcCommittedBytes").GetInt64() / 1e6:F1}{allocated}");
    }

    /// <summary>Where the resident memory is (/proc/PID/smaps_rollup): file-backed pages (executable, libraries) and anonymous ones (heaps, stacks, writable data), MiB.</summary>
    private static string Split(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/smaps_rollup").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 2 && w[0].EndsWith(':')).GroupBy(w => w[0]).ToDictionary(g => g.Key, g => long.Parse(g.First()[1], CultureInfo.InvariantCulture));
        var anonymous = fields["Anonymous:"];
        return string.Create(CultureInfo.InvariantCulture, $"{(fields["Rss:"] - anonymous) / 1024.0:F1} / {anonymous / 1024.0:F1}");
    }

    private static long RssKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
