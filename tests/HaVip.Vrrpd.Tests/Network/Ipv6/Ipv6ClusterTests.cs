using System.Net;
using HaVip.Net.Ethernet;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>Two havipd over IPv6 multicast (VRRPv3 to ff02::12, RFC 5798 section 5.1.2), and a node that watches the wire.</summary>
[Collection(NetworkCollection.Name)]
public sealed class Ipv6ClusterTests
{
    private const int Observer = 3;

    // The first NA burst leaves with the transition to MASTER (RFC 5798 section 6.4.2); the status
    // poll that saw MASTER is no bound on when the capture reads it: 5 s for a loaded machine.
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(5);

    [Fact]
    public void HavipdPair_Ipv6Multicast_OneMasterAnnouncesVipByNeighborAdvertAndBackupTakesOverOnLinkDown()
    {
        using var lab = Ipv6Lab.Create(nodes: 3);
        using var wire = new FrameTap(lab.Ns(Observer));
        lab.Havipd(1, Ipv6Lab.Config(1, 100));
        lab.Havipd(2, Ipv6Lab.Config(2, 200));

        Eventually.Until(() => Status.State(lab, 2) == "MASTER" && Status.State(lab, 1) == "BACKUP" && Holders(lab).SequenceEqual([2]), Ipv6Lab.Startup)
            .Should().BeTrue(lab.Logs());
        var backup = Status.Instance(lab, 1);
        (backup.GetProperty("masterAddress").GetString(), backup.GetProperty("masterPriority").GetInt32(), backup.GetProperty("primaryAddress").GetString())
            .Should().Be(("fe80::2", 200, "fe80::1"), "adverts come from the master's link-local address (RFC 5798 section 5.1.2.1)");
        Shell.Ip("-n", lab.Ns(2), "-6", "addr", "show", "dev", "eth0").Should().MatchRegex(@"inet6 fd77::100/64 scope global nodad", "added with IFA_F_NODAD, as keepalived adds it");
        ClaimsHeard(lab, wire, 2);
        Status.Instance(lab, 2).GetProperty("neighborAdvertsOut").GetInt64().Should().BePositive();

        lab.LinkDown(2);

        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Holders(lab).SequenceEqual([1]), Ipv6Lab.Takeover).Should().BeTrue(lab.Logs());
        ClaimsHeard(lab, wire, 1);
    }

    private static List<int> Holders(NetLab lab) => lab.VipHolders(2, Ipv6Lab.Vip);

    /// <summary>
    /// The unsolicited NA of RFC 4861 section 7.2.6 from <paramref name="node"/>'s MAC: from the
    /// VIP to all nodes, override set, solicited clear, the MAC as target link-layer address.
    /// </summary>
    private static void ClaimsHeard(NetLab lab, FrameTap wire, int node)
    {
        var mac = MacAddress.Parse(lab.Mac(node));
        Eventually.Until(() => NeighborAdverts.For(wire, Ipv6Lab.Vip).Any(na => na.EthernetSource == mac), Heard).Should().BeTrue(NeighborAdverts.Describe(wire) + "\n" + lab.Logs());
        NeighborAdverts.For(wire, Ipv6Lab.Vip).Where(na => na.EthernetSource == mac).Should().AllSatisfy(na =>
        {
            (na.Override, na.Solicited, na.Router).Should().Be((true, false, false));
            (na.Source, na.Destination, na.TargetLinkLayer).Should().Be((Ipv6Lab.Vip, IPAddress.Parse("ff02::1"), (MacAddress?)mac));
        });
    }
}
