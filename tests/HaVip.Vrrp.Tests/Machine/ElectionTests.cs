using System.Net;
using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class ElectionTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Start_ThreeRouters_HighestPriorityWinsAtItsMasterDownInterval()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 100, 1);
        lan.Add("b", 150, 2);
        lan.Add("c", 50, 3);

        lan.Start("a", "b", "c");
        lan.RunFor(TimeSpan.FromSeconds(30));

        lan.Masters.Should().Equal("b");
        // RFC 5798 6.4.1: all start as Backup; b's Master_Down_Interval is the shortest (smallest skew).
        lan.BecameMasterAt("b").Should().Be(SimulatedLan.T0 + 3 * Second + TimeSpan.FromMicroseconds(106 * 1_000_000L / 256));
        lan["a"].State.Should().Be(VrrpState.Backup);
        lan["c"].State.Should().Be(VrrpState.Backup);
        lan.Of<StateChanged>("a").Should().ContainSingle();
    }

    [Fact]
    public void Start_AddressOwner_BecomesMasterImmediately()
    {
        var lan = new SimulatedLan();
        lan.Add("owner", 255, 1);
        lan.Add("b", 254, 2);

        lan.Start("owner", "b");

        lan.Masters.Should().Equal("owner");
        lan.Log.First().Action.Should().Be(new StateChanged(VrrpState.Initialize, VrrpState.Master, TransitionReason.AddressOwner));
        lan.RunFor(TimeSpan.FromSeconds(20));
        lan.Masters.Should().Equal("owner");
    }

    [Fact]
    public void Start_EqualPriority_HigherPrimaryAddressWins()
    {
        var lan = new SimulatedLan();
        lan.Add("low", 100, 14);
        lan.Add("high", 100, 15);

        lan.Start("low", "high");
        lan.RunFor(TimeSpan.FromSeconds(10));

        // Both timers fire together; each hears the other (RFC 5798 6.4.3 tie on the primary address).
        lan.Masters.Should().Equal("high");
        lan.Of<StateChanged>("low").Select(l => ((StateChanged)l.Action).To).Should().Equal(VrrpState.Backup, VrrpState.Master, VrrpState.Backup);
    }

    [Fact]
    public void NoPreempt_HigherPriorityJoiningLater_KeepsSittingMaster()
    {
        var lan = new SimulatedLan();
        lan.Add("sitting", 100, 1);
        lan.Add("better", 200, 2, o => o with { NoPreempt = true });
        lan.Start("sitting");
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Start("better");
        lan.RunFor(TimeSpan.FromSeconds(60));

        lan.Masters.Should().Equal("sitting");
        lan["better"].State.Should().Be(VrrpState.Backup);
    }

    [Fact]
    public void Preempt_HigherPriorityJoiningLater_TakesOverAtItsMasterDownInterval()
    {
        var lan = new SimulatedLan();
        lan.Add("sitting", 100, 1);
        lan.Add("better", 200, 2);
        lan.Start("sitting");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        var joined = lan.Now;

        lan.Start("better");
        lan.RunFor(TimeSpan.FromSeconds(30));

        lan.Masters.Should().Equal("better");
        // It discards the lower priority adverts, so its first Master_Down_Timer simply runs out.
        lan.BecameMasterAt("better").Should().Be(joined + lan["better"].Router.MasterDownInterval);
        lan.Of<AdvertDiscarded>("better").Where(l => l.At >= joined)
            .Should().NotBeEmpty().And.AllSatisfy(l => ((AdvertDiscarded)l.Action).Reason.Should().Be(DropReason.LowerPriority));
        lan.Of<StateChanged>("sitting").Last().Action.Should().Be(new StateChanged(VrrpState.Master, VrrpState.Backup, TransitionReason.HigherPriorityAdvert));
    }

    [Fact]
    public void PreemptDelay_HigherPriorityJoining_WaitsTheDelayBeforePreempting()
    {
        var lan = new SimulatedLan();
        lan.Add("sitting", 100, 1);
        lan.Add("better", 200, 2, o => o with { PreemptDelay = TimeSpan.FromSeconds(10) });
        lan.Start("sitting");
        lan.RunFor(TimeSpan.FromSeconds(10.5));

        lan.Start("better");
        lan.RunFor(TimeSpan.FromSeconds(60));

        // sitting became master at 3.609375 s and advertises every second, so "better" first hears it
        // at 10.609375 s; that starts the delay, adverts are accepted strictly before 20.609375 s.
        var firstHeard = SimulatedLan.T0 + TimeSpan.FromSeconds(10.609375);
        var lastAccepted = firstHeard + TimeSpan.FromSeconds(9);
        lan.BecameMasterAt("better").Should().Be(lastAccepted + lan["better"].Router.MasterDownInterval);
        lan.Masters.Should().Equal("better");
    }

    [Fact]
    public void Unicast_AdvertsGoOnlyToListedPeers()
    {
        var lan = new SimulatedLan();
        var a = IPAddress.Parse("10.0.240.1");
        var b = IPAddress.Parse("10.0.240.2");
        lan.Add("a", 200, 1, o => o with { UnicastPeers = [b] });
        lan.Add("b", 100, 2, o => o with { UnicastPeers = [a] });
        lan.Add("stranger", 50, 3);

        lan.Start("a", "b", "stranger");
        lan.RunFor(TimeSpan.FromSeconds(20));

        lan.Of<SendAdvert>("a").Should().AllSatisfy(l => ((SendAdvert)l.Action).Destinations.Should().Equal(b));
        lan["b"].State.Should().Be(VrrpState.Backup);
        lan["stranger"].State.Should().Be(VrrpState.Master, "it is not a peer, so it never hears the master");
    }
}
