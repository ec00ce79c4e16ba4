namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// <c>virtual_routes</c> with several <c>nexthop</c>s and <c>virtual_rules</c>: havipd installs
/// what keepalived 2.2.7 installs from the same lines, read back from the kernel (`ip route`,
/// `ip rule`) in two namespaces side by side, and removes it when it stops being master.
/// Each node runs a lone instance (its own VRID), so both are masters.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class RoutesAndRulesInteropTests
{
    // havipd starts in a few seconds on a loaded machine (JIT build); a lone v3 instance at
    // advert_int 0.1 is master after Master_Down_Interval (about 0.36 s) of that.
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);

    // SIGTERM: priority-0 advert, then the addresses, routes and rules go; one loop turn.
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(10);

    private static string Config(string routerId, int vrid, string vip, string extra) =>
        Conf.Global(routerId) + Conf.Instance(200, vrid: vrid, vip: vip, extra: extra);

    [Fact]
    public void MultipathRoute_InstalledAsKeepalivedInstallsIt_RemovedOnStop()
    {
        using var lab = new NetLab(nodes: 2);
        const string routes = "virtual_routes {\n 192.0.2.0/24 nexthop via 10.77.0.201 dev eth0 weight 2 nexthop via 10.77.0.202 dev eth0\n }";
        var havipd = lab.Havipd(1, Config("n1", 51, "10.77.0.100/24", routes));
        lab.Keepalived(2, Config("n2", 52, "10.77.0.101/24", routes));
        string Route(int node) => Shell.Ip("-n", lab.Ns(node), "route", "show", "192.0.2.0/24").Trim();

        Eventually.Until(() => Route(1).Contains("nexthop", StringComparison.Ordinal) && Route(2).Length > 0, Startup)
            .Should().BeTrue($"havipd: {Route(1)}\nkeepalived: {Route(2)}\n{lab.Logs()}");
        Route(1).Should().Be(Route(2)).And.Contain("nexthop via 10.77.0.201 dev eth0 weight 2");

        havipd.Signal("TERM");
        Eventually.Until(() => Route(1).Length == 0, Stop).Should().BeTrue($"havipd left: {Route(1)}\n{lab.Logs()}");
    }

    [Fact]
    public void VirtualRules_InstalledAsKeepalivedInstallsThem_RemovedOnStop()
    {
        using var lab = new NetLab(nodes: 2);
        const string rules = """
            virtual_rules {
                from 192.0.2.0/24 table 100 priority 100
                to 198.51.100.0/24 lookup 101
                from 10.77.0.100 to 203.0.113.0/24 iif eth0 table 102 no_track
                not from 10.77.0.0/24 fwmark 0x10/0xff table main priority 300
                to 203.0.113.7 oif eth0 tos 0x10 blackhole priority 400
                fwmark 7 goto 600 priority 500
                from 192.0.2.9 type prohibit priority 700
                to 192.0.2.10 nop priority 800
            }
            """;
        string Rules(int node) => Shell.Ip("-n", lab.Ns(node), "rule", "show").Trim();
        var defaults = Rules(1);
        var havipd = lab.Havipd(1, Config("n1", 51, "10.77.0.100/24", rules));
        lab.Keepalived(2, Config("n2", 52, "10.77.0.101/24", rules));

        Eventually.Until(() => Rules(1).Contains("lookup 101", StringComparison.Ordinal) && Rules(2).Contains("nop", StringComparison.Ordinal), Startup)
            .Should().BeTrue($"havipd:\n{Rules(1)}\nkeepalived:\n{Rules(2)}\n{lab.Logs()}");
        Rules(1).Should().Be(Rules(2), lab.Logs());

        havipd.Signal("TERM");
        Eventually.Until(() => Rules(1) == defaults, Stop).Should().BeTrue($"havipd left:\n{Rules(1)}\n{lab.Logs()}");
    }
}
