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

    [Theory]
    [InlineData("10.100.0.100/24", 1000)]
    [InlineData("fd00:100::100/64", 1)]
    public void Create_NeighborAdvertsOfAnIpv6Instance_GarpCountsWithTheGnaInterval(string vip, int expectedMicroseconds)
    {
        var text = $$"""
            global_defs {
                vrrp_garp_interval 0.001
                vrrp_gna_interval 0.000001
                vrrp_garp_master_repeat 3
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    {{vip}}
                }
            }
            """;
        var config = new HaVip.Vrrp.Config.KeepalivedConfigParser().ParseText(text, "test.conf").Config;

        var o = RouterOptionsFactory.Create(config, config.Instances[0], IPAddress.Parse(vip.Contains(':', StringComparison.Ordinal) ? "fe80::1" : "10.100.0.1"));

        (o.Garp.Interval, o.Garp.MasterRepeat).Should().Be((TimeSpan.FromMicroseconds(expectedMicroseconds), 3), "keepalived sends NAs with the garp counts and delays, spaced by vrrp_gna_interval");
    }
}
