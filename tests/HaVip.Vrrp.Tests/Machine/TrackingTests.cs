using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class TrackingTests
{
    [Fact]
    public void TrackScriptWeight_MasterScriptFails_LowerPriorityLetsBackupPreempt()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 110, 1, o => o with { Tracked = [new TrackedObject(TrackKind.Script, "chk_haproxy", -20)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        var lastGood = lan.LastAdvertAt("a");

        lan.Send(lan["a"], new TrackChanged(TrackKind.Script, "chk_haproxy", Up: false));
        lan["a"].Router.Priority.Should().Be(90);
        lan.RunFor(TimeSpan.FromSeconds(20));

        lan.Masters.Should().Equal("b");
        lan.BecameMasterAt("b").Should().Be(lastGood + lan["b"].Router.MasterDownInterval);
        lan.Of<AdvertDiscarded>("b").Should().Contain(l => ((AdvertDiscarded)l.Action).Priority == 90);
    }

    [Fact]
    public void Fault_WeightZeroInterfaceDown_MasterFaultsAndBackupTakesOverAfterSkewTime()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.Interface, "eth1", 0)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        var at = lan.Now;

        lan.Send(lan["a"], new TrackChanged(TrackKind.Interface, "eth1", Up: false));

        lan["a"].State.Should().Be(VrrpState.Fault);
        var actions = lan.Log.Where(l => l.Node == "a" && l.At == at).Select(l => l.Action).ToList();
        actions[0].Should().Be(new StateChanged(VrrpState.Master, VrrpState.Fault, TransitionReason.TrackFailed));
        actions.OfType<SendAdvert>().Single().Priority.Should().Be(0);
        actions.Should().ContainSingle(x => x is RemoveVirtualAddresses);
        actions.Should().Contain(new RunNotify(NotifyKind.Fault, 150));
        lan.RunFor(TimeSpan.FromSeconds(5));
        lan.BecameMasterAt("b").Should().Be(at + lan["b"].Router.SkewTime);
        lan["a"].Router.NextDeadline.Should().BeNull("a faulted router runs no timer");
    }

    [Fact]
    public void Fault_InterfaceBackUp_LeavesFaultAsBackupAndPreemptsAgain()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.Interface, "eth1", 0)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        lan.Send(lan["a"], new TrackChanged(TrackKind.Interface, "eth1", Up: false));
        lan.RunFor(TimeSpan.FromSeconds(10));
        var recovered = lan.Now;

        lan.Send(lan["a"], new TrackChanged(TrackKind.Interface, "eth1", Up: true));
        lan["a"].State.Should().Be(VrrpState.Backup);
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Of<StateChanged>("a").Select(l => ((StateChanged)l.Action).Reason).Should().Contain(TransitionReason.TrackRecovered);
        lan.BecameMasterAt("a").Should().Be(recovered + lan["a"].Router.MasterDownInterval);
        lan.Masters.Should().Equal("a");
    }

    [Fact]
    public void Start_WithWeightZeroTrackDown_StartsInFault()
    {
        var lan = new SimulatedLan();
        var a = lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.Script, "chk", 0)] });
        lan.Send(a, new TrackChanged(TrackKind.Script, "chk", Up: false));

        lan.Start("a");

        a.State.Should().Be(VrrpState.Fault);
        lan.Log.Select(l => l.Action).Should().Equal(
            new StateChanged(VrrpState.Initialize, VrrpState.Fault, TransitionReason.TrackFailed), new RunNotify(NotifyKind.Fault, 150));
    }

    [Theory]
    [InlineData(10, false, true, 110)]
    [InlineData(10, false, false, 100)]
    [InlineData(-10, false, true, 100)]
    [InlineData(-10, false, false, 90)]
    [InlineData(10, true, true, 90)]
    [InlineData(-10, true, false, 110)]
    [InlineData(-253, false, false, 1)]
    [InlineData(253, false, true, 254)]
    public void Priority_TrackedWeights_FollowKeepalivedRules(int weight, bool reverse, bool up, int expected)
    {
        var router = new VrrpRouter(Options(100, new TrackedObject(TrackKind.Script, "s", weight, reverse)), TimeProvider.System);

        router.Handle(new TrackChanged(TrackKind.Script, "s", up));
        router.Handle(new TrackChanged(TrackKind.Script, "s", up)); // a repeat changes nothing

        router.Priority.Should().Be((byte)expected);
    }

    [Fact]
    public void Priority_AddressOwner_IgnoresWeights()
    {
        var router = new VrrpRouter(Options(255, new TrackedObject(TrackKind.Script, "s", -50)), TimeProvider.System);

        router.Handle(new TrackChanged(TrackKind.Script, "s", false));

        router.Priority.Should().Be(255);
    }

    private static VrrpRouterOptions Options(byte priority, TrackedObject tracked) => new()
    {
        VirtualRouterId = 1,
        Priority = priority,
        PrimaryAddress = System.Net.IPAddress.Parse("10.0.0.1"),
        Tracked = [tracked],
    };
}
