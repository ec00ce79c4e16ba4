using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;
using HaVip.Vrrp.Tests.Config;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class RouterOptionsFactoryTests
{
    [Fact]
    public void Create_GuideExample_MapsEverySetting()
    {
        var config = TestData.Parse("guide-15.6.conf").Config;

        var o = RouterOptionsFactory.Create(config, config.Instances[0]);

        (o.VirtualRouterId, o.Priority, o.Version, o.AdvertisementInterval, o.NoPreempt).Should().Be(((byte)51, (byte)100, VrrpVersion.V2, TimeSpan.FromSeconds(5), true));
        o.PrimaryAddress.Should().Be(IPAddress.Parse("10.0.240.14"));
        o.UnicastPeers.Should().Equal(IPAddress.Parse("10.0.240.15"), IPAddress.Parse("10.0.240.16"));
        o.AuthPassword.Should().Be("1111");
        o.SkipCheckAdvertAddresses.Should().BeTrue();
        o.Tracked.Should().Equal(new TrackedObject(TrackKind.Interface, "eth0", 0));
        o.Garp.Should().Be(new GarpOptions { MasterRepeat = 5, MasterDelay = TimeSpan.FromSeconds(5), LowerPriorityRepeat = 5, LowerPriorityDelay = TimeSpan.FromSeconds(5) });
        o.ReannounceOnLowerPriorityMaster.Should().BeTrue();
    }

    [Fact]
    public void Create_ScriptWeights_InstanceOverrideWins()
    {
        var config = TestData.Parse("corpus/scripts-weights.conf").Config;

        var o = RouterOptionsFactory.Create(config, config.Instances[0], IPAddress.Parse("10.1.1.2"));

        o.Tracked.Take(3).Should().Equal(
            new TrackedObject(TrackKind.Script, "chk_haproxy", -20),
            new TrackedObject(TrackKind.Script, "chk_backend", -5),
            new TrackedObject(TrackKind.Script, "chk_critical", 0));
    }

    [Fact]
    public void Create_InstanceGarpOverridesGlobal()
    {
        var config = TestData.Parse("corpus/garp.conf").Config;

        var o = RouterOptionsFactory.Create(config, config.Instances[0], IPAddress.Parse("10.100.0.2"));

        o.Garp.Should().Be(new GarpOptions
        {
            Interval = TimeSpan.FromMilliseconds(1),
            MasterRepeat = 2,
            MasterDelay = TimeSpan.FromSeconds(1),
            MasterRefresh = TimeSpan.FromSeconds(30),
            MasterRefreshRepeat = 4,
            LowerPriorityRepeat = 0,
            LowerPriorityDelay = TimeSpan.Zero,
        });
        o.HigherPrioritySendAdvert.Should().BeTrue();
    }
}
