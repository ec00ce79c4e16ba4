namespace HaVip.Vrrpd.Tests.Network;

/// <summary>nopreempt, authentication and VRRPv2 whole-second timers across keepalived and havipd.</summary>
[Collection(NetworkCollection.Name)]
public sealed class InteropRulesTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    /// <summary>
    /// v2 timers are whole seconds: a backup becomes master 3.61 s after it started listening,
    /// and on a loaded CI machine havipd's own start can take seconds more.
    /// </summary>
    private static readonly TimeSpan SettleV2 = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Nopreempt_HigherPriorityJoinsLater_SittingMasterKeepsVip(bool havipdSits)
    {
        using var lab = new NetLab(nodes: 2);
        var conf1 = Conf.Simple("n1", 100, extra: "nopreempt");
        var conf2 = Conf.Simple("n2", 200, extra: "nopreempt");
        _ = havipdSits ? lab.Havipd(1, conf1) : lab.Keepalived(1, conf1);
        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());

        _ = havipdSits ? lab.Keepalived(2, conf2) : lab.Havipd(2, conf2);
        Thread.Sleep(1500); // many Master_Down_Intervals at 0.1 s

        lab.VipHolders(2).Should().Equal([1], "nopreempt: the higher priority newcomer stays backup\n" + lab.Logs());
    }

    [Fact]
    public void V2AuthMismatch_BothIgnoreEachOther_BothMasterAndHavipdCountsIt()
    {
        using var lab = new NetLab(nodes: 2);
        lab.Keepalived(1, Conf.Simple("n1", 200, version: 2, advertInt: "1", extra: "authentication {\n auth_type PASS\n auth_pass secret1\n}"));
        lab.Havipd(2, Conf.Simple("n2", 100, version: 2, advertInt: "1", extra: "authentication {\n auth_type PASS\n auth_pass other22\n}"));

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1, 2]), SettleV2).Should().BeTrue(lab.Logs());
        Eventually.Until(() => Status.Drops(Status.Instance(lab, 2), "AuthMismatch") > 0, TimeSpan.FromSeconds(3)).Should().BeTrue(lab.Logs());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void V2AdvertInt1WithAuth_MasterLinkDown_BackupTakesOverWithinMasterDownInterval(bool havipdMaster)
    {
        using var lab = new NetLab(nodes: 2);
        const string auth = "authentication {\n auth_type PASS\n auth_pass secret1\n}";
        var master = Conf.Simple("n1", 200, version: 2, advertInt: "1", extra: auth);
        var backup = Conf.Simple("n2", 100, version: 2, advertInt: "1", extra: auth);
        _ = havipdMaster ? lab.Havipd(1, master) : lab.Keepalived(1, master);
        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());
        _ = havipdMaster ? lab.Keepalived(2, backup) : lab.Havipd(2, backup);
        Thread.Sleep(2500);
        lab.VipHolders(2).Should().Equal([1], "the backup accepts the master's v2 adverts\n" + lab.Logs());

        var downAt = DateTime.UtcNow;
        lab.LinkDown(1);

        // RFC 3768: Master_Down_Interval = 3 * 1 s + (256 - 100) / 256 s = 3.61 s.
        Eventually.Until(() => lab.VipHolders(2).Contains(2), Settle).Should().BeTrue(lab.Logs());
        (DateTime.UtcNow - downAt).Should().BeLessThan(TimeSpan.FromSeconds(4.8));
    }
}
