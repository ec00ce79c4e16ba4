using System.Globalization;
using System.Text.RegularExpressions;
using HaVip.Lab.Vrrp;
using HaVip.Testing;

namespace HaVip.Bench.Failover;

/// <summary>
/// No false failover: a havipd pair (VRID 51) and a keepalived pair (VRID 52) side by side on one
/// link at v3 advert_int 0.02, the CPUs saturated by a burner, for a window; every state change
/// after the first election is a false one. havipd's longest GC pause and timer lateness come
/// from its metrics endpoint.
/// </summary>
internal static partial class StabilityRun
{
    public static string Measure(TimeSpan window, string extraGlobal)
    {
        using var lab = new NetLab(nodes: 4);
        lab.Havipd(1, Conf.Global("h1", extraGlobal) + Conf.Instance(200, 3, "0.02"), Scrape.Args);
        lab.Havipd(2, Conf.Global("h2", extraGlobal) + Conf.Instance(100, 3, "0.02"), Scrape.Args);
        var k1 = lab.Keepalived(3, Conf.Global("k1", extraGlobal) + Conf.Instance(200, 3, "0.02", vrid: 52, vip: "10.77.0.101/24"));
        var k2 = lab.Keepalived(4, Conf.Global("k2", extraGlobal) + Conf.Instance(100, 3, "0.02", vrid: 52, vip: "10.77.0.101/24"));
        if (!Eventually.Until(() => Holders(lab, "10.77.0.100").SequenceEqual([1]) && Holders(lab, "10.77.0.101").SequenceEqual([3]), TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException($"the pairs never settled (10.77.0.100 on {string.Join(",", Holders(lab, "10.77.0.100"))}, 10.77.0.101 on {string.Join(",", Holders(lab, "10.77.0.101"))})\n{lab.Logs()}");
        Thread.Sleep(TimeSpan.FromSeconds(1));
        var havipdBefore = Transitions(lab);
        var keepalivedBefore = Entering(k1.Output) + Entering(k2.Output);
        int burners;
        using (var burner = new CpuBurner())
        {
            burners = burner.Count;
            Thread.Sleep(window);
        }

        var havipd = Transitions(lab) - havipdBefore;
        var keepalived = Entering(k1.Output) + Entering(k2.Output) - keepalivedBefore;
        var samples = new[] { Scrape.Read(lab.Ns(1)), Scrape.Read(lab.Ns(2)) };
        var gc = samples.Max(s => s["havipd_gc_pause_max_seconds"]) * 1000;
        var late = samples.Max(s => s["havipd_timer_lateness_max_seconds"]) * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {window.TotalSeconds:F0} s | {burners} | {havipd:F0} | {keepalived} | {gc:F2} | {late:F1} | {(extraGlobal.Length == 0 ? "none" : extraGlobal.Trim().Replace('\n', ' '))} |");
    }

    private static double Transitions(NetLab lab) =>
        Scrape.Sum(Scrape.Read(lab.Ns(1)), "havipd_instance_transitions_total") + Scrape.Sum(Scrape.Read(lab.Ns(2)), "havipd_instance_transitions_total");

    /// <summary>Nodes whose eth0 carries <paramref name="vip"/>: the pairs have one VIP each.</summary>
    private static List<int> Holders(NetLab lab, string vip) => lab.VipHolders(4, System.Net.IPAddress.Parse(vip));

    private static int Entering(string output) => EnteringState().Count(output);

    [GeneratedRegex("Entering (MASTER|BACKUP|FAULT) STATE")]
    private static partial Regex EnteringState();
}
