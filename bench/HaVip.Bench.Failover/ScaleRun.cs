using System.Globalization;
using System.Text;
using HaVip.Lab.Processes;
using HaVip.Lab.Vrrp;

namespace HaVip.Bench.Failover;

/// <summary>
/// One process running 1,000 VRRP instances (250 VRIDs on each of 4 veth links in one namespace,
/// v2 advert_int 1, each the lone master of its VIP): CPU time and memory over a window.
/// </summary>
internal static class ScaleRun
{
    private const int Links = 4;
    private const int VridsPerLink = 250;

    public static string Measure(string implementation, TimeSpan warmup, TimeSpan window)
    {
        using var lab = new NetLab(nodes: 1);
        var ns = lab.Ns(1);
        for (var l = 1; l < Links; l++)
        {
            Shell.Ip("-n", ns, "link", "add", $"eth{l}", "type", "veth", "peer", "name", $"peer{l}");
            Shell.Ip("-n", ns, "addr", "add", $"10.{80 + l}.0.1/16", "dev", $"eth{l}");
            Shell.Ip("-n", ns, "link", "set", $"eth{l}", "up");
            Shell.Ip("-n", ns, "link", "set", $"peer{l}", "up");
        }

        var conf = Config();
        var process = implementation == "havipd" ? lab.Havipd(1, conf) : lab.Keepalived(1, conf);
        Thread.Sleep(warmup);
        var pid = VrrpPid(lab, implementation, process);
        var (user0, system0) = CpuSeconds(pid);
        var sent0 = PacketsSent(ns);
        Thread.Sleep(window);
        var (user1, system1) = CpuSeconds(pid);
        var sent = (PacketsSent(ns) - sent0) / window.TotalSeconds;
        var (user, system) = (user1 - user0, system1 - system0);
        var cpu = user + system;
        var rssKb = RssKb(pid);
        var masters = CountVips(lab, ns);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {implementation} | {Links * VridsPerLink} | {masters} | {sent:F0} | {cpu:F2} | {user:F2} | {system:F2} | {100 * cpu / window.TotalSeconds:F1} % | {rssKb / 1024.0:F1} |");
    }

    /// <summary>
    /// Packets sent by the namespace's VRRP links (adverts plus gratuitous ARPs), so the CPU
    /// figures compare the same work: a daemon that advertised less often would look cheaper.
    /// </summary>
    private static long PacketsSent(string ns)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Shell.Ip("-n", ns, "-j", "-s", "link", "show"));
        return doc.RootElement.EnumerateArray()
            .Where(l => l.GetProperty("ifname").GetString()!.StartsWith("eth", StringComparison.Ordinal))
            .Sum(l => l.GetProperty("stats64").GetProperty("tx").GetProperty("packets").GetInt64());
    }

    private static string Config()
    {
        var b = new StringBuilder(Conf.Global("scale"));
        for (var l = 0; l < Links; l++)
        {
            for (var v = 1; v <= VridsPerLink; v++)
            {
                b.Append(CultureInfo.InvariantCulture, $$"""
                    vrrp_instance VI_{{l}}_{{v}} {
                        interface eth{{l}}
                        virtual_router_id {{v}}
                        priority 100
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

    /// <summary>keepalived does its VRRP work in a child process (its -r pid file); havipd in one process.</summary>
    private static int VrrpPid(NetLab lab, string implementation, VrrpProcess process) =>
        implementation == "havipd" ? process.Pid : int.Parse(File.ReadAllText(Path.Combine(lab.Directory, "n1.vrrp.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>utime and stime from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static (double User, double System) CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) / 100.0, long.Parse(fields[12], CultureInfo.InvariantCulture) / 100.0);
    }

    private static long RssKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int CountVips(NetLab lab, string ns) =>
        Shell.Ip("-n", ns, "-o", "addr", "show").Split('\n').Count(l => l.Contains(" 10.9", StringComparison.Ordinal));
}
