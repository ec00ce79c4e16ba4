using System.Text.RegularExpressions;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// Accept mode off (<c>no_accept</c>, strict mode's default): while MASTER, havipd installs the
/// nftables table keepalived 2.2.7 installs (read back with <c>nft list table</c> from a keepalived
/// in a namespace beside it), so the VIP takes no traffic; the VIP leaves the set when the instance
/// leaves MASTER, and the table goes when havipd stops. With accept mode the VIP answers and no
/// table is made.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed partial class AcceptModeInteropTests
{
    // havipd starts in a few seconds on a loaded machine (JIT build); a lone v3 instance at
    // advert_int 0.1 is master after its Master_Down_Interval (about 0.36 s) of that.
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);

    // SIGTERM: priority-0 advert, addresses and drop rule out, table deleted; one loop turn.
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(10);

    private const string Vip1 = "10.77.0.100";
    private const string Vip2 = "10.77.0.101";

    private static string Config(string routerId, int priority, int vrid, string vip, string extra, string global = "nftables_counters") =>
        Conf.Global(routerId, global) + Conf.Instance(priority, vrid: vrid, vip: $"{vip}/24", extra: extra);

    private static string Table(NetLab lab, int node) =>
        Shell.Try("ip", ["netns", "exec", lab.Ns(node), "nft", "list", "table", "ip", "keepalived"], out var output) ? output : "";

    // An echo crosses a veth and a bridge in microseconds; a second covers a loaded machine.
    private static readonly TimeSpan Echo = TimeSpan.FromSeconds(1);

    private static bool Ping(IcmpProbe client, string to) => client.Ping(System.Net.IPAddress.Parse(to), Echo);

    /// <summary>Packets the input chain's drop rule counted.</summary>
    private static long InputDrops(string table) =>
        InputCounter().Match(table) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"ip daddr @vips counter packets (\d+)")]
    private static partial Regex InputCounter();

    [GeneratedRegex(@"counter packets \d+ bytes \d+")]
    private static partial Regex Counters();

    [Fact]
    public void NoAccept_Master_InstallsKeepalivedsTable_VipTakesNoTraffic_TableGoneAtStop()
    {
        using var lab = new NetLab(nodes: 3, prefix: "hv11");
        var havipd = lab.Havipd(1, Config("n1", 100, 51, Vip1, "no_accept"));
        lab.Keepalived(2, Config("n2", 100, 52, Vip2, "no_accept"));

        Eventually.Until(() => Table(lab, 1).Contains(Vip1, StringComparison.Ordinal) && Table(lab, 2).Contains(Vip2, StringComparison.Ordinal), Startup)
            .Should().BeTrue($"havipd:\n{Table(lab, 1)}\nkeepalived:\n{Table(lab, 2)}\n{lab.Logs()}");
        string Normal(int node, string vip) => Counters().Replace(Table(lab, node), "counter").Replace(vip, "VIP", StringComparison.Ordinal);
        Normal(1, Vip1).Should().Be(Normal(2, Vip2), lab.Logs());

        // The host answers on its own address; its VIP is dropped by the rule (its counter says so).
        using var client = new IcmpProbe(lab.Ns(3));
        Ping(client, "10.77.0.1").Should().BeTrue();
        Ping(client, Vip1).Should().BeFalse($"{Table(lab, 1)}\n{lab.Logs()}");
        lab.VipHolders(3, System.Net.IPAddress.Parse(Vip1)).Should().Equal(1);
        InputDrops(Table(lab, 1)).Should().BePositive(Table(lab, 1));

        havipd.Signal("TERM");
        Eventually.Until(() => havipd.WaitForExit(TimeSpan.Zero), Stop).Should().BeTrue(lab.Logs());
        Table(lab, 1).Should().BeEmpty("the table goes when havipd stops, as keepalived deletes it");
    }

    [Fact]
    public void NoAccept_MasterBecomesBackup_VipLeavesTheSet()
    {
        using var lab = new NetLab(nodes: 2, prefix: "hv11");
        lab.Havipd(1, Config("n1", 100, 51, Vip1, "no_accept"));
        Eventually.Until(() => Table(lab, 1).Contains(Vip1, StringComparison.Ordinal), Startup).Should().BeTrue($"{Table(lab, 1)}\n{lab.Logs()}");

        lab.Keepalived(2, Config("n2", 200, 51, Vip1, ""));

        Eventually.Until(() => Status.State(lab, 1) == "BACKUP" && !Table(lab, 1).Contains(Vip1, StringComparison.Ordinal), Startup)
            .Should().BeTrue($"{Status.State(lab, 1)}\n{Table(lab, 1)}\n{lab.Logs()}");
        Table(lab, 1).Should().Contain("set vips", "keepalived keeps the table until it stops; only the elements go");
    }

    [Theory]
    [InlineData(100, "accept")]
    [InlineData(255, "no_accept")]
    public void AcceptOrOwner_Master_VipAnswers_NoTable(int priority, string extra)
    {
        using var lab = new NetLab(nodes: 2, prefix: "hv11");
        lab.Havipd(1, Config("n1", priority, 51, Vip1, extra));

        Eventually.Until(() => lab.VipHolders(2, System.Net.IPAddress.Parse(Vip1)).SequenceEqual([1]), Startup).Should().BeTrue(lab.Logs());

        using var client = new IcmpProbe(lab.Ns(2));
        Eventually.Until(() => Ping(client, Vip1), Startup).Should().BeTrue(lab.Logs());
        Table(lab, 1).Should().BeEmpty();
    }
}
