namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// <c>virtual_rules</c> of IPv6 (AF_INET6 FIB rules, by <c>inet6</c> or their addresses): havipd
/// installs what keepalived 2.2.7 installs from the same lines, read back with <c>ip -6 rule</c>
/// and <c>ip -4 rule</c> in two namespaces side by side, adds them on becoming master and removes
/// them on becoming backup and on stop. Names start with hv20.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class Ipv6RulesInteropTests
{
    private const string Prefix = "hv20";

    // One rule of each kind, IPv6 by its address or by inet6 (keepalived 2.2.7 skips the word
    // after inet6, so "inet6 inet6 fwmark" and a trailing inet6 are how its rules without an
    // address are IPv6); a rule without a preference (each family counts its own from 16384
    // down, so the IPv6 one and the IPv4 one both get 16384); an IPv4 rule in the IPv6
    // instance, which keepalived allows (a rule's family is its own).
    private const string Rules = """
        virtual_rules {
            from fd77:1::/64 table 100 priority 100
            to 2001:db8::/32 lookup 101 priority 110
            from fd77::100 to 2001:db8:1::/48 iif eth0 table 102 priority 120 no_track
            not from fd77::/64 fwmark 0x10/0xff table main priority 300
            to 2001:db8::7 oif eth0 blackhole priority 400
            inet6 inet6 fwmark 7 goto 600 priority 500
            from 2001:db8::9 type prohibit priority 700
            from all to 2001:db8:2::/48 nop priority 800
            table 103 inet6
            from 192.0.2.0/24 table 104
        }
        """;

    // SIGTERM: priority-0 advert, then the addresses, routes and rules go; one loop turn.
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(10);

    private static string Lone(int node, int vrid, string vip) =>
        Conf.Global($"n{node}") + Conf.Instance(200, vrid: vrid, vip: vip, extra: Rules);

    private static string Rules6(NetLab lab, int node) => Shell.Ip("-n", lab.Ns(node), "-6", "rule", "show").Trim();

    private static string Rules4(NetLab lab, int node) => Shell.Ip("-n", lab.Ns(node), "-4", "rule", "show").Trim();

    [Fact]
    public void Ipv6VirtualRules_InstalledAsKeepalivedInstallsThem_RemovedOnStop()
    {
        using var lab = Ipv6Lab.Create(nodes: 2, Prefix);
        var (defaults6, defaults4) = (Rules6(lab, 1), Rules4(lab, 1));
        // Each node a lone instance (its own VRID), so both are masters.
        var havipd = lab.Havipd(1, Lone(1, 51, "fd77::100/64"));
        lab.Keepalived(2, Lone(2, 52, "fd77::101/64"));

        Eventually.Until(() => Rules6(lab, 1).Contains("nop", StringComparison.Ordinal) && Rules6(lab, 2).Contains("nop", StringComparison.Ordinal)
                && Rules4(lab, 2).Contains("lookup 104", StringComparison.Ordinal), Ipv6Lab.Startup)
            .Should().BeTrue($"havipd:\n{Rules6(lab, 1)}\nkeepalived:\n{Rules6(lab, 2)}\n{lab.Logs()}");
        Rules6(lab, 1).Should().Be(Rules6(lab, 2), lab.Logs()).And.Contain("16384:\tfrom all lookup 103", "its own count: the IPv4 rule without a preference got 16384 too");
        Rules4(lab, 1).Should().Be(Rules4(lab, 2), lab.Logs()).And.Contain("16384:\tfrom 192.0.2.0/24 lookup 104");

        havipd.Signal("TERM");
        Eventually.Until(() => Rules6(lab, 1) == defaults6 && Rules4(lab, 1) == defaults4, Stop)
            .Should().BeTrue($"havipd left:\n{Rules6(lab, 1)}\n{Rules4(lab, 1)}\n{lab.Logs()}");
    }

    [Fact]
    public void Ipv6VirtualRules_LeaveTheMasterThatBecomesBackup_AndFollowTheNewMaster()
    {
        using var lab = Ipv6Lab.Create(nodes: 2, Prefix);
        var defaults = Rules6(lab, 1);
        const string rules = "virtual_rules {\n from fd77:1::/64 table 100 priority 100\n fwmark 7 table 101 priority 101 inet6\n}";
        lab.Havipd(1, Ipv6Lab.Config(1, 100, extra: rules));
        bool Installed(int node) => Rules6(lab, node).Contains("from fd77:1::/64 lookup 100", StringComparison.Ordinal)
            && Rules6(lab, node).Contains("fwmark 0x7 lookup 101", StringComparison.Ordinal);

        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Installed(1), Ipv6Lab.Startup)
            .Should().BeTrue($"{Status.State(lab, 1)}\n{Rules6(lab, 1)}\n{lab.Logs()}");

        // Priority 200 preempts (RFC 5798 section 6.4.3): node 1 hears a higher priority and goes back.
        lab.Havipd(2, Ipv6Lab.Config(2, 200, extra: rules));

        Eventually.Until(() => Status.State(lab, 2) == "MASTER" && Status.State(lab, 1) == "BACKUP" && Installed(2) && Rules6(lab, 1) == defaults, Ipv6Lab.Startup)
            .Should().BeTrue($"n1 {Status.State(lab, 1)}:\n{Rules6(lab, 1)}\nn2 {Status.State(lab, 2)}:\n{Rules6(lab, 2)}\n{lab.Logs()}");
    }
}
