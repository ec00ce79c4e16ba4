using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// Accept mode off for IPv6 VIPs: while MASTER, havipd installs the <c>table ip6 keepalived</c>
/// keepalived 2.2.7 installs (read back with <c>nft list table</c> from a keepalived in a namespace
/// beside it), so the VIP takes no traffic but Neighbor Discovery, which keepalived lets through:
/// a client still learns the master's MAC for the VIP, and its echo to the VIP is dropped (the
/// rule's counter says so) while the host's own address answers. The table goes when havipd stops.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed partial class Ipv6AcceptModeTests
{
    // SIGTERM: priority-0 advert, addresses and drop rules out, tables deleted; one loop turn.
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(10);

    // An echo crosses a veth and a bridge in microseconds; a second covers a loaded machine.
    private static readonly TimeSpan Echo = TimeSpan.FromSeconds(1);

    private const string HavipdVip = "fd77::100";
    private const string KeepalivedVip = "fd77::101";

    private static string Config(int node, int vrid, string vip, string linkLocalVip) =>
        Conf.Global($"n{node}", "nftables_counters") + Conf.Instance(100, vrid: vrid, extra: "no_accept", vip: $"{linkLocalVip}/64\n        {vip}/64");

    private static string Table(NetLab lab, int node) =>
        Shell.Try("ip", ["netns", "exec", lab.Ns(node), "nft", "list", "table", "ip6", "keepalived"], out var output) ? output : "";

    [GeneratedRegex(@"counter packets \d+ bytes \d+")]
    private static partial Regex Counters();

    [GeneratedRegex(@"ip6 daddr @vips counter packets (\d+)")]
    private static partial Regex InputCounter();

    [Fact]
    public void NoAccept_Ipv6Master_InstallsKeepalivedsIp6Table_NeighborDiscoveryPassesTheRestIsDropped()
    {
        using var lab = Ipv6Lab.Create(nodes: 3, prefix: "hv15");
        var havipd = lab.Havipd(1, Config(1, 51, HavipdVip, "fe80::100"));
        lab.Keepalived(2, Config(2, 52, KeepalivedVip, "fe80::101"));

        Eventually.Until(() => Table(lab, 1).Contains(HavipdVip, StringComparison.Ordinal) && Table(lab, 2).Contains(KeepalivedVip, StringComparison.Ordinal), Ipv6Lab.Startup)
            .Should().BeTrue($"havipd:\n{Table(lab, 1)}\nkeepalived:\n{Table(lab, 2)}\n{lab.Logs()}");
        string Normal(int node, string vip, string linkLocal) => Counters().Replace(Table(lab, node), "counter")
            .Replace(vip, "VIP", StringComparison.Ordinal).Replace(linkLocal, "LLVIP", StringComparison.Ordinal);
        Normal(1, HavipdVip, "fe80::100").Should().Be(Normal(2, KeepalivedVip, "fe80::101"), lab.Logs());

        // The host answers on its own address; the VIP's Neighbor Solicitation is answered (the
        // client learns the master's MAC), its echo is dropped by the input rule.
        using var client = new IcmpProbe(lab.Ns(3), AddressFamily.InterNetworkV6);
        client.Ping(Ipv6Lab.Address(1), Echo).Should().BeTrue(lab.Logs());
        client.Ping(IPAddress.Parse(HavipdVip), Echo).Should().BeFalse($"{Table(lab, 1)}\n{lab.Logs()}");
        lab.NeighbourMac(3, IPAddress.Parse(HavipdVip)).Should().Be(lab.Mac(1), "Neighbor Discovery passes the table, as in keepalived");
        InputCounter().Match(Table(lab, 1)).Groups[1].Value.Should().NotBe("0", Table(lab, 1));

        havipd.Signal("TERM");
        Eventually.Until(() => havipd.WaitForExit(TimeSpan.Zero), Stop).Should().BeTrue(lab.Logs());
        Table(lab, 1).Should().BeEmpty("the table goes when havipd stops, as keepalived deletes it");
    }
}
