namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// use_vmac with keepalived 2.2.7 on the other side: both create vrrp.51 (00:00:5e:00:01:33) on
/// eth0, the VIP lives on it, and on failover the client's neighbour entry for the VIP keeps the
/// same MAC: the client needs no ARP update. havipd's VMAC carries keepalived's sysctls and goes
/// away on stop and on a reload that drops use_vmac.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class VmacInteropTests
{
    private const int Client = 3;
    private const string VmacName = "vrrp.51";
    private const string VirtualMac = "00:00:5e:00:01:33";

    // Start on a loaded machine plus Master_Down_Interval (3 × 0.1 s + skew).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private static string Config(string routerId, int priority, string vmac = "use_vmac") =>
        Conf.Global(routerId) + $$"""
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int 0.1
            version 3
            {{vmac}}
            virtual_ipaddress {
                10.77.0.100/24
            }
        }

        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MasterLinkDown_VipMovesOnTheVmac_ClientKeepsTheSameMac(bool havipdMaster)
    {
        using var lab = new NetLab(nodes: 3);
        using var adverts = VrrpProcess.Start("tcpdump", "ip", ["netns", "exec", lab.Ns(Client), "tcpdump", "-i", "eth0", "-n", "-e", "-l", "-p", "vrrp"], null);
        Start(lab, 1, Config("n1", 150), havipd: havipdMaster);
        Start(lab, 2, Config("n2", 100), havipd: !havipdMaster);
        Eventually.Until(() => Holders(lab).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());
        using var client = new IcmpProbe(lab.Ns(Client));

        // The routers learn the client's MAC first. Otherwise a router answering the VIP's first
        // ping asks for the client from eth0 with the VIP as sender (arp_announce 0, which neither
        // keepalived nor havipd changes) and the client's entry for the VIP takes eth0's MAC.
        foreach (var router in new[] { 1, 2 })
            Eventually.Until(() => client.Ping(NetLab.Address(router), TimeSpan.FromMilliseconds(200)), Settle).Should().BeTrue(lab.Logs());
        Eventually.Until(() => client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(200)), Settle).Should().BeTrue(lab.Logs());
        lab.NeighbourMac(Client, NetLab.Vip).Should().Be(VirtualMac, "the VIP answers from the VMAC\n" + lab.Logs());
        Eventually.Until(() => adverts.Output.Contains($"{VirtualMac} > 01:00:5e:00:00:12", StringComparison.Ordinal), Settle)
            .Should().BeTrue($"adverts leave from the VMAC\n{adverts.Output}");

        lab.LinkDown(1);

        Eventually.Until(() => Holders(lab).SequenceEqual([2]), Settle).Should().BeTrue(lab.Logs());
        Eventually.Until(() => client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(200)), Settle).Should().BeTrue($"the client reaches n2\n{lab.Logs()}");
        lab.NeighbourMac(Client, NetLab.Vip).Should().Be(VirtualMac, "the client's entry for the VIP never needed another MAC");
    }

    [Fact]
    public void Havipd_VmacHasKeepalivedsSysctls_AndGoesOnReloadWithoutItAndOnStop()
    {
        using var lab = new NetLab(nodes: 1);
        var (arpIgnore, arpFilter) = (Sysctl(lab, "eth0", "arp_ignore"), Sysctl(lab, "eth0", "arp_filter"));
        var havipd = lab.Havipd(1, Config("n1", 150));
        Eventually.Until(() => Holders(lab, nodes: 1).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());
        Sysctl(lab, VmacName, "arp_ignore").Should().Be("1");
        Sysctl(lab, VmacName, "accept_local").Should().Be("1");
        Sysctl(lab, VmacName, "rp_filter").Should().Be("0");
        Sysctl(lab, VmacName, "promote_secondaries").Should().Be("1");
        Sysctl(lab, "eth0", "arp_ignore").Should().Be("1");
        Sysctl(lab, "eth0", "arp_filter").Should().Be("1");
        Shell.Ip("-n", lab.Ns(1), "-d", "link", "show", VmacName).Should().Contain("macvlan mode private").And.Contain(VirtualMac);

        lab.Write("n1.conf", Config("n1", 150, vmac: ""));
        havipd.Signal("HUP");

        Eventually.Until(() => !HasLink(lab, VmacName) && lab.VipHolders(1).SequenceEqual([1]), Settle)
            .Should().BeTrue($"the reload drops the VMAC and the VIP goes on eth0\n{lab.Logs()}");
        Sysctl(lab, "eth0", "arp_ignore").Should().Be(arpIgnore, "the base gets its ARP settings back with its last VMAC");
        Sysctl(lab, "eth0", "arp_filter").Should().Be(arpFilter);

        lab.Write("n1.conf", Config("n1", 150, vmac: "use_vmac vm51"));
        havipd.Signal("HUP");
        Eventually.Until(() => HasLink(lab, "vm51"), Settle).Should().BeTrue(lab.Logs());
        havipd.Signal("TERM");
        havipd.WaitForExit(TimeSpan.FromSeconds(10)).Should().BeTrue(lab.Logs());
        HasLink(lab, "vm51").Should().BeFalse($"havipd removes its VMAC when it stops\n{lab.Logs()}");
    }

    /// <summary>
    /// keepalived 2.2.7 (vrrp_parser.c, vrrp_vmac_handler): a use_vmac name that is an existing
    /// interface other than a private macvlan is a config error, and the instance runs on
    /// vrrp.VRID instead. The interface itself is never touched.
    /// </summary>
    [Fact]
    public void Havipd_UseVmacNamesAnExistingInterface_ComplainsLikeKeepalived_RunsOnVrrpVrid_LeavesItAlone()
    {
        using var lab = new NetLab(nodes: 1);
        Shell.Ip("-n", lab.Ns(1), "link", "add", "vm51", "type", "veth", "peer", "name", "vm51p");
        var text = Config("n1", 150, vmac: "use_vmac vm51");
        var path = lab.Write("n1.conf", text);
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("use_vmac", StringComparison.Ordinal));
        var args = new List<string> { "netns", "exec", lab.Ns(1) };
        args.AddRange(HavipdPath.Command);
        args.AddRange(["--config-test", "-f", path]);

        var accepted = Shell.Try("ip", [.. args], out var says);

        accepted.Should().BeFalse($"keepalived --config-test refuses it (exit 5)\n{says}");
        says.Should().Contain($"{path}:{line.i + 1}:{line.l.IndexOf('u', StringComparison.Ordinal) + 1}: warning")
            .And.Contain("(VI_1) interface vm51 already exists and is not a private macvlan; ignoring vmac if_name");

        lab.Havipd(1, text);

        Eventually.Until(() => Holders(lab, nodes: 1).SequenceEqual([1]), Settle).Should().BeTrue($"the VIP is on {VmacName}\n{lab.Logs()}");
        Shell.Ip("-n", lab.Ns(1), "-d", "link", "show", "vm51").Should().Contain("veth", $"vm51 is left as it was\n{lab.Logs()}");
    }

    private static void Start(NetLab lab, int node, string config, bool havipd)
    {
        if (havipd)
            lab.Havipd(node, config);
        else
            lab.Keepalived(node, config);
    }

    /// <summary>Routers whose VMAC holds the VIP right now.</summary>
    private static List<int> Holders(NetLab lab, int nodes = 2) =>
        [.. Enumerable.Range(1, nodes).Where(i => Shell.Try("ip", ["-n", lab.Ns(i), "-br", "addr", "show", "dev", VmacName], out var o) && o.Contains($"{NetLab.Vip}/24", StringComparison.Ordinal))];

    private static bool HasLink(NetLab lab, string name) => Shell.Try("ip", ["-n", lab.Ns(1), "link", "show", name], out _);

    private static string Sysctl(NetLab lab, string device, string key) =>
        Shell.Run("ip", "netns", "exec", lab.Ns(1), "cat", $"/proc/sys/net/ipv4/conf/{device}/{key}").Trim();
}
