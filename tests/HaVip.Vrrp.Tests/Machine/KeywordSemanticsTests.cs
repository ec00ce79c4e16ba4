using System.Net;
using HaVip.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrp.Tests.Config;

namespace HaVip.Vrrp.Tests.Machine;

/// <summary>What the keywords of issue 15 do to a running instance (keepalived 2.2.7's meaning).</summary>
public sealed class KeywordSemanticsTests
{
    private const string Base = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            unicast_src_ip 10.0.0.1
            virtual_ipaddress {
                10.0.0.100/24
            }
            EXTRA
        }

        """;

    private static (KeepalivedConfig Config, VrrpRouterOptions Options) Options(string extra, string before = "")
    {
        var r = TestData.ParseText(before + Base.Replace("EXTRA", extra, StringComparison.Ordinal));
        r.HasErrors.Should().BeFalse(string.Join('\n', TestData.Render(r)));
        return (r.Config, RouterOptionsFactory.Create(r.Config, r.Config.Instances[0]));
    }

    [Fact]
    public void DontTrackPrimary_OwnInterfaceIsNotTracked()
    {
        Options("").Options.Tracked.Should().Contain(new TrackedObject(TrackKind.Interface, "eth0", 0));
        Options("dont_track_primary").Options.Tracked.Should().BeEmpty();
    }

    [Fact]
    public void VirtualIpaddressExcluded_AddedAndRemovedWithTheVipsButNotAdvertised()
    {
        var o = Options("virtual_ipaddress_excluded {\n 10.0.1.5/24 dev eth1\n}").Options;
        var router = new VrrpRouter(o with { Priority = 255 }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        var actions = router.Handle(new Start());

        actions.OfType<AddVirtualAddresses>().Single().Addresses.Select(a => a.Address.ToString()).Should().Equal("10.0.0.100", "10.0.1.5");
        o.VirtualAddresses.Should().ContainSingle("adverts carry only virtual_ipaddress");
        router.Handle(new Shutdown()).OfType<RemoveVirtualAddresses>().Single().Addresses.Should().HaveCount(2);
    }

    [Fact]
    public void VirtualRules_AddedAfterTheRoutesAndRemovedBeforeThem_AsKeepalivedOrdersThem()
    {
        var o = Options("virtual_routes {\n 10.9.0.0/16 via 10.0.0.1 dev eth0\n}\n virtual_rules {\n from 10.0.0.100 table 100 priority 100\n}").Options;
        var router = new VrrpRouter(o with { Priority = 255 }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        // keepalived's log: "setting VIPs", "setting Virtual Routes", "setting Virtual Rules";
        // going down: "removing Virtual Rules", "removing Virtual Routes", "removing VIPs".
        var up = router.Handle(new Start()).Where(a => a is AddVirtualAddresses or AddVirtualRoutes or AddVirtualRules).ToList();
        var down = router.Handle(new Shutdown()).Where(a => a is RemoveVirtualAddresses or RemoveVirtualRoutes or RemoveVirtualRules).ToList();

        up.Select(a => a.GetType().Name).Should().Equal("AddVirtualAddresses", "AddVirtualRoutes", "AddVirtualRules");
        up.OfType<AddVirtualRules>().Single().Rules.Should().ContainSingle().Which.Table.Should().Be(100u);
        down.Select(a => a.GetType().Name).Should().Equal("RemoveVirtualRules", "RemoveVirtualRoutes", "RemoveVirtualAddresses");
    }

    [Fact]
    public void CheckUnicastSource_AdvertFromANonPeerIsDropped()
    {
        var o = Options("unicast_peer {\n 10.0.0.2\n}\n check_unicast_src").Options;
        o.CheckUnicastSource.Should().BeTrue();
        var router = new VrrpRouter(o, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        router.Handle(new Start());

        var stranger = router.Handle(new AdvertReceived(IPAddress.Parse("10.0.0.9"), 200, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.0.100")]));
        var peer = router.Handle(new AdvertReceived(IPAddress.Parse("10.0.0.2"), 200, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.0.100")]));

        stranger.Should().Equal(new AdvertDiscarded(IPAddress.Parse("10.0.0.9"), 200, DropReason.UnicastSourceNotPeer));
        peer.Should().BeEmpty();
    }

    [Fact]
    public void SyncGroup_MembersTrackTheGroupAndItsObjectsWithWeightZero()
    {
        var (config, _) = Options("", "vrrp_script chk { script /bin/true\n weight -20 }\nvrrp_sync_group G { group { VI_1 VI_2 }\n track_script { chk }\n track_interface { eth3 } }\n");
        var o = RouterOptionsFactory.Create(config, config.Instances[0]);

        o.Tracked.Should().Contain([
            new TrackedObject(TrackKind.SyncGroup, "G", 0),
            new TrackedObject(TrackKind.Script, "chk", 0),
            new TrackedObject(TrackKind.Interface, "eth3", 0),
        ]);
    }

    [Fact]
    public void SyncGroup_GroupDownFaultsTheMemberWithItsOwnReason()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.SyncGroup, "G", 0)] });
        lan.Start("a");
        lan.RunFor(TimeSpan.FromSeconds(5));

        lan.Send(lan["a"], new TrackChanged(TrackKind.SyncGroup, "G", Up: false));

        lan["a"].State.Should().Be(VrrpState.Fault);
        lan["a"].Router.IsOwnFaulted.Should().BeFalse("only the group put it in FAULT");
        lan.Of<StateChanged>("a").Last().Action.Should().Be(new StateChanged(VrrpState.Master, VrrpState.Fault, TransitionReason.SyncGroup));
    }

    [Fact]
    public void SyncGroup_ToBackupTakesAMasterDown()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1);
        lan.Start("a");
        lan.RunFor(TimeSpan.FromSeconds(5));

        lan.Send(lan["a"], new SyncGroupTransition(VrrpState.Backup));

        lan["a"].State.Should().Be(VrrpState.Backup);
        lan.Of<StateChanged>("a").Last().Action.Should().Be(new StateChanged(VrrpState.Master, VrrpState.Backup, TransitionReason.SyncGroup));
    }

    [Fact]
    public void SyncGroup_ToMasterTakesOverOnlyWhenNoMasterIsHeard()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1);
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(5));

        lan.Send(lan["b"], new SyncGroupTransition(VrrpState.Master));
        lan["b"].State.Should().Be(VrrpState.Backup, "a is alive: taking over would only flap");

        var alone = new SimulatedLan();
        alone.Add("c", 100, 3);
        alone.Start("c");
        alone.Send(alone["c"], new SyncGroupTransition(VrrpState.Master));
        alone["c"].State.Should().Be(VrrpState.Master, "c has heard no master: it follows its group at once");
        alone.Of<StateChanged>("c").Last().Action.Should().Be(new StateChanged(VrrpState.Backup, VrrpState.Master, TransitionReason.SyncGroup));
    }
}
