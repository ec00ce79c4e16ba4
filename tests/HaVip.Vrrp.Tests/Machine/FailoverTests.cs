using HaVip.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class FailoverTests
{
    private static SimulatedLan ThreeRouters()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 200, 1);
        lan.Add("b", 150, 2);
        lan.Add("c", 100, 3);
        lan.Start("a", "b", "c");
        lan.RunFor(TimeSpan.FromSeconds(20.3));
        lan.Masters.Should().Equal("a");
        return lan;
    }

    [Fact]
    public void MasterCrash_BestBackupTakesOverAtExactlyMasterDownInterval()
    {
        var lan = ThreeRouters();
        var lastAdvert = lan.LastAdvertAt("a");

        lan.Crash("a");
        lan.RunFor(TimeSpan.FromSeconds(30));

        lan.Masters.Should().Equal("b");
        var mdi = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(106 * 1_000_000L / 256);
        lan["b"].Router.MasterDownInterval.Should().Be(mdi);
        lan.BecameMasterAt("b").Should().Be(lastAdvert + mdi);
        lan["c"].State.Should().Be(VrrpState.Backup);
    }

    [Fact]
    public void Shutdown_PriorityZeroAdvert_BestBackupTakesOverAfterSkewTime()
    {
        var lan = ThreeRouters();
        var at = lan.Now;

        lan.Send(lan["a"], new Shutdown());
        lan.RunFor(TimeSpan.FromSeconds(30));

        lan.Of<SendAdvert>("a").Last().Action.Should().BeOfType<SendAdvert>().Which.Priority.Should().Be(0);
        lan.Of<RemoveVirtualAddresses>("a").Should().ContainSingle();
        lan.Of<RunNotify>("a").Last().Action.Should().Be(new RunNotify(NotifyKind.Stop, 200));
        lan.Masters.Should().Equal("b");
        // RFC 5798 6.4.2: on priority 0 the Master_Down_Timer is set to Skew_Time.
        lan.BecameMasterAt("b").Should().Be(at + TimeSpan.FromMicroseconds(106 * 1_000_000L / 256));
        lan["c"].State.Should().Be(VrrpState.Backup);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LostAdverts_OneOrTwo_BackupStaysBackup(int lost)
    {
        var lan = ThreeRouters();

        lan.LoseNextAdverts("a", lost);
        lan.RunFor(TimeSpan.FromSeconds(30));

        lan.Masters.Should().Equal("a");
        lan.Of<StateChanged>("b").Should().ContainSingle("b only ever entered Backup at startup");
    }

    [Fact]
    public void LostAdverts_Three_BestBackupTakesOverAtMasterDownInterval()
    {
        var lan = ThreeRouters();
        var lastDelivered = lan.LastAdvertAt("a");

        lan.LoseNextAdverts("a", 3);
        lan.RunFor(TimeSpan.FromSeconds(3.7));

        lan.BecameMasterAt("b").Should().Be(lastDelivered + lan["b"].Router.MasterDownInterval);
        lan.RunFor(TimeSpan.FromSeconds(30));
        lan.Masters.Should().Equal(["a"], "a's next advert is better, so b yields again");
    }

    [Fact]
    public void SplitBrain_LinkCutThenHealed_LoserReturnsToBackupAndWinnerReannounces()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1);
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.2));
        var lastHeard = lan.LastAdvertAt("a");

        lan.Cut("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10));
        lan.Masters.Should().BeEquivalentTo(["a", "b"], "each side elects itself");
        lan.BecameMasterAt("b").Should().Be(lastHeard + lan["b"].Router.MasterDownInterval);

        // Heal just after a's next advert, so that b (advertising at another phase) speaks first.
        var healAt = lan.LastAdvertAt("a") + TimeSpan.FromSeconds(1.1);
        lan.RunUntil(healAt);
        lan.Heal("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(2));

        lan.Masters.Should().Equal("a");
        var heard = lan.Of<AdvertDiscarded>("a").Last();
        heard.At.Should().BeAfter(healAt);
        var reannounce = lan.Log.Where(l => l.Node == "a" && l.At == heard.At).Select(l => l.Action).ToList();
        reannounce.Should().ContainSingle(x => x is SendAdvert);
        reannounce.OfType<SendGratuitousArp>().Should().ContainSingle().Which.Reason.Should().Be(GarpReason.LowerPriorityAdvert);
        lan.Of<StateChanged>("b").Last().Should().Be(new LoggedAction(heard.At, "b",
            new StateChanged(VrrpState.Master, VrrpState.Backup, TransitionReason.HigherPriorityAdvert)));
        lan.Of<RemoveVirtualAddresses>("b").Should().ContainSingle();

        // b's own gratuitous ARP may have left after a's first answer; one advert interval later,
        // when b has yielded, a announces once more so that its burst is the last.
        var again = lan.Log.Where(l => l.Node == "a" && l.Action is SendGratuitousArp { Reason: GarpReason.Reannounce }).ToList();
        again.Should().ContainSingle().Which.At.Should().Be(heard.At + lan["a"].Router.MasterAdverInterval);
    }

    [Fact]
    public void AuthMismatch_AdvertsIgnored_BothBecomeMaster()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Version = VrrpVersion.V2, AuthPassword = "1111" });
        lan.Add("b", 100, 2, o => o with { Version = VrrpVersion.V2, AuthPassword = "2222" });

        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(20));

        lan.Masters.Should().BeEquivalentTo(["a", "b"]);
        lan.Of<AdvertDiscarded>("b").Should().NotBeEmpty()
            .And.AllSatisfy(l => ((AdvertDiscarded)l.Action).Reason.Should().Be(DropReason.AuthMismatch));
    }
}
