namespace HaVip.Vrrpd.Tests.Network;

[Collection(NetworkCollection.Name)]
public sealed class HavipdClusterTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public void ThreeHavipd_Start_OneMasterHoldsVipAndClientArpPointsToIt()
    {
        using var lab = new NetLab(nodes: 4);
        for (var i = 1; i <= 3; i++)
            lab.Havipd(i, Conf.Simple($"n{i}", 100 + (10 * i)));

        Eventually.Until(() => lab.VipHolders(3).SequenceEqual([3]), Settle).Should().BeTrue(lab.Logs());
        Thread.Sleep(500);
        lab.VipHolders(3).Should().Equal([3], "the VIP must stay on the master only\n" + lab.Logs());
        Status.State(lab, 3).Should().Be("MASTER");
        var backup = Status.Instance(lab, 1);
        backup.GetProperty("state").GetString().Should().Be("BACKUP");
        backup.GetProperty("masterAddress").GetString().Should().Be("10.77.0.3");
        backup.GetProperty("masterPriority").GetInt32().Should().Be(130);
        backup.GetProperty("advertsIn").GetInt64().Should().BePositive();
        Status.Instance(lab, 3).GetProperty("advertsOut").GetInt64().Should().BePositive();

        using var client = new IcmpProbe(lab.Ns(4));
        client.Ping(NetLab.Vip, TimeSpan.FromSeconds(1)).Should().BeTrue();
        lab.NeighbourMac(4, NetLab.Vip).Should().Be(lab.Mac(3));
    }

    [Fact]
    public void HavipdMaster_SighupUnchangedThenSigterm_NoFlapThenFastGracefulHandover()
    {
        using var lab = new NetLab(nodes: 2);
        var master = lab.Havipd(1, Conf.Simple("n1", 200));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER", Settle).Should().BeTrue(lab.Logs());
        var backup = lab.Havipd(2, Conf.Simple("n2", 100));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Status.State(lab, 2) == "BACKUP", Settle).Should().BeTrue(lab.Logs());
        var since = Status.Instance(lab, 1).GetProperty("stateSince").GetDateTimeOffset();

        master.Signal("HUP");
        Eventually.Until(() => master.Output.Contains("1 kept", StringComparison.Ordinal), TimeSpan.FromSeconds(5)).Should().BeTrue(lab.Logs());
        Thread.Sleep(500);
        Status.Instance(lab, 1).GetProperty("stateSince").GetDateTimeOffset().Should().Be(since, "an unchanged instance keeps its state");
        backup.Output.Should().NotContain("Entering MASTER", "the backup never took over");

        master.Signal("TERM");
        master.WaitForExit(TimeSpan.FromSeconds(5)).Should().BeTrue();
        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([2]), TimeSpan.FromSeconds(1)).Should().BeTrue(lab.Logs());
        master.Output.Should().Contain("Entering INITIALIZE STATE (from MASTER, reason Shutdown");
    }
}
