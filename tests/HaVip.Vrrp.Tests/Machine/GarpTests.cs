using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class GarpTests
{
    [Fact]
    public void BecomeMaster_SendsBurstThenDelayedBurstThenRefreshes()
    {
        var lan = new SimulatedLan();
        var garp = new GarpOptions { MasterRepeat = 3, MasterDelay = TimeSpan.FromSeconds(5), MasterRefresh = TimeSpan.FromSeconds(60), MasterRefreshRepeat = 2, Interval = TimeSpan.FromMilliseconds(1) };
        lan.Add("a", 255, 1, o => o with { Garp = garp });

        lan.Start("a");
        lan.RunFor(TimeSpan.FromSeconds(130));

        var t0 = SimulatedLan.T0;
        lan.Of<SendGratuitousArp>("a").Select(l => (l.At - t0, ((SendGratuitousArp)l.Action).Count, ((SendGratuitousArp)l.Action).Reason)).Should().Equal(
            (TimeSpan.Zero, 3, GarpReason.BecameMaster),
            (TimeSpan.FromSeconds(5), 3, GarpReason.MasterDelay),
            (TimeSpan.FromSeconds(60), 2, GarpReason.MasterRefresh),
            (TimeSpan.FromSeconds(120), 2, GarpReason.MasterRefresh));
        lan.Of<SendGratuitousArp>("a").First().Action.Should().BeOfType<SendGratuitousArp>()
            .Which.Addresses.Should().Equal(SimulatedLan.Vips[0].Address);
    }

    [Fact]
    public void BecomeMaster_ActionsInOrder()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 255, 1);

        lan.Start("a");

        lan.Log.Select(l => l.Action.GetType().Name).Should().Equal(
            nameof(StateChanged), nameof(SendAdvert), nameof(AddVirtualAddresses), nameof(SendGratuitousArp), nameof(RunNotify));
    }

    [Fact]
    public void LowerPriorityMaster_KeepalivedMode_OnlyGarpNoAdvert()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { ReannounceOnLowerPriorityMaster = false, Garp = new GarpOptions { LowerPriorityRepeat = 2, LowerPriorityDelay = TimeSpan.FromSeconds(3) } });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));

        var heardAt = lan.Now;
        lan.Send(lan["a"], new AdvertReceived(lan["b"].Address, 100, TimeSpan.FromSeconds(1), [SimulatedLan.Vips[0].Address]));
        lan.RunFor(TimeSpan.FromSeconds(4));

        lan.Log.Where(l => l.Node == "a" && l.At == heardAt).Select(l => l.Action).Should().NotContain(x => x is SendAdvert);
        lan.Of<SendGratuitousArp>("a").Where(l => l.At >= heardAt).Select(l => (l.At - heardAt, ((SendGratuitousArp)l.Action).Reason)).Should().Equal(
            (TimeSpan.Zero, GarpReason.LowerPriorityAdvert), (TimeSpan.FromSeconds(3), GarpReason.LowerPriorityDelay));
    }

    [Fact]
    public void HigherPrioritySendAdvert_MasterAdvertisesOnceBeforeYielding()
    {
        var lan = new SimulatedLan();
        var a = lan.Add("a", 100, 1, o => o with { HigherPrioritySendAdvert = true });
        lan.Start("a");
        lan.RunFor(TimeSpan.FromSeconds(5.5));

        var actions = a.Router.Handle(new AdvertReceived(System.Net.IPAddress.Parse("10.0.240.9"), 200, TimeSpan.FromSeconds(1), [SimulatedLan.Vips[0].Address]));

        actions[0].Should().Be(new SendAdvert(100, TimeSpan.FromSeconds(1), []));
        actions[1].Should().Be(new StateChanged(VrrpState.Master, VrrpState.Backup, TransitionReason.HigherPriorityAdvert));
    }
}
