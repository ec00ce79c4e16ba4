namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>keepalived 2.2.7 and havipd in one VRRPv3 cluster over IPv6, multicast and unicast: they must elect and fail over as one.</summary>
[Collection(NetworkCollection.Name)]
public sealed class Ipv6MixedClusterTests
{
    private const int Low = 1;
    private const int High = 2;
    // How long keepalived as backup must hear havipd's adverts before its staying BACKUP proves it
    // accepts them: 10 adverts (1 s at advert_int 0.1) outlast its Master_Down_Interval almost 3 times.
    private const int AdvertsHeard = 10;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KeepalivedMaster_LinkDown_HavipdBackupTakesOver(bool unicast)
    {
        using var lab = Ipv6Lab.Create(nodes: 2);
        lab.Keepalived(High, Ipv6Lab.Config(High, 200, unicast ? Low : null));
        lab.Havipd(Low, Ipv6Lab.Config(Low, 100, unicast ? High : null));

        Eventually.Until(() => Status.State(lab, Low) == "BACKUP" && Holders(lab).SequenceEqual([High]) && MasterOf(lab, Low) == Ipv6Lab.Source(High, unicast).ToString(), Ipv6Lab.Startup)
            .Should().BeTrue($"havipd accepts keepalived's adverts (master {MasterOf(lab, Low)})\n{lab.Logs()}");
        Status.Drops(Status.Instance(lab, Low), "BadTtl").Should().Be(0, unicast ? "keepalived's unicast adverts carry hop limit 64, which a unicast receiver accepts" : "multicast adverts carry 255");

        lab.LinkDown(High);

        Eventually.Until(() => Status.State(lab, Low) == "MASTER" && Holders(lab).SequenceEqual([Low]), Ipv6Lab.Takeover).Should().BeTrue(lab.Logs());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HavipdMaster_LinkDown_KeepalivedBackupTakesOver(bool unicast)
    {
        using var lab = Ipv6Lab.Create(nodes: 2);
        lab.Havipd(High, Ipv6Lab.Config(High, 200, unicast ? Low : null));
        Eventually.Until(() => Status.State(lab, High) == "MASTER", Ipv6Lab.Startup).Should().BeTrue(lab.Logs());
        var keepalived = lab.Keepalived(Low, Ipv6Lab.Config(Low, 100, unicast ? High : null));
        Eventually.Until(() => keepalived.Output.Contains("Entering BACKUP STATE", StringComparison.Ordinal), Ipv6Lab.Startup).Should().BeTrue(lab.Logs());

        // Evidence, not a sleep: keepalived stays BACKUP while havipd sends it AdvertsHeard adverts.
        var sent = AdvertsOut(lab);
        Eventually.Until(() => AdvertsOut(lab) >= sent + AdvertsHeard, Ipv6Lab.Startup).Should().BeTrue(lab.Logs());
        keepalived.Output.Should().NotContain("Entering MASTER STATE", "keepalived accepts havipd's adverts\n" + lab.Logs());
        Holders(lab).Should().Equal([High]);

        lab.LinkDown(High);

        Eventually.Until(() => Holders(lab).SequenceEqual([Low]), Ipv6Lab.Takeover).Should().BeTrue(lab.Logs());
        keepalived.Output.Should().Contain("Entering MASTER STATE");
    }

    private static List<int> Holders(NetLab lab) => lab.VipHolders(2, Ipv6Lab.Vip);

    private static string? MasterOf(NetLab lab, int node) =>
        Status.State(lab, node) == "UNREACHABLE" ? null : Status.Instance(lab, node).GetProperty("masterAddress").GetString();

    private static long AdvertsOut(NetLab lab) => Status.Instance(lab, High).GetProperty("advertsOut").GetInt64();
}
