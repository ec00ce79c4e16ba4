using System.Net;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>Field-level checks on the corpus files: the model holds what the text says.</summary>
public sealed class CorpusModelTests
{
    [Fact]
    public void ScriptsWeights_ScriptsAndTrackOverrides()
    {
        var c = TestData.Parse("corpus/scripts-weights.conf").Config;

        var haproxy = c.Scripts["chk_haproxy"];
        (haproxy.Script, haproxy.Interval, haproxy.Weight, haproxy.Fall, haproxy.Rise, haproxy.Timeout)
            .Should().Be(("killall -0 haproxy", TimeSpan.FromSeconds(2), -20, 2, 3, (TimeSpan?)TimeSpan.FromSeconds(1.5)));
        (c.Scripts["chk_backend"].Weight, c.Scripts["chk_backend"].WeightReverse).Should().Be((10, true));
        c.Scripts["chk_critical"].Script.Should().Be("/usr/local/bin/critical.sh");
        c.Instances[0].TrackScripts.Select(t => (t.Name, t.Weight, t.Reverse)).Should().Equal(
            ("chk_haproxy", (int?)null, false), ("chk_backend", -5, false), ("chk_critical", null, false), ("chk_haproxy", 30, true));
    }

    [Fact]
    public void Ipv6_InstancesAreVrrpV3OverIpv6WithPrefixesAndPeers()
    {
        var result = TestData.Parse("ipv6.conf");
        // Nothing keepalived would complain about, and no note: havipd runs IPv6 instances.
        result.Diagnostics.Should().BeEmpty();
        var (multicast, unicast, native) = (result.Config.Instances[0], result.Config.Instances[1], result.Config.Instances[2]);

        // keepalived 2.2.7 implies VRRPv3 for an IPv6 instance whatever vrrp_version says.
        result.Config.Instances.Should().AllSatisfy(i =>
            (i.Family, i.Version).Should().Be((System.Net.Sockets.AddressFamily.InterNetworkV6, VrrpVersion.V3)));
        multicast.VirtualAddresses.Select(a => (a.Address.ToString(), a.PrefixLength))
            .Should().Equal(("fd00:240::100", 64), ("fd00:240::101", 128));
        multicast.AdvertInterval.Should().Be(TimeSpan.FromMilliseconds(100));
        unicast.UnicastSourceIp.Should().Be(IPAddress.Parse("fd00:240::14"));
        unicast.UnicastPeers.Should().Equal(IPAddress.Parse("fd00:240::15"), IPAddress.Parse("fd00:240::16"));
        native.VirtualAddresses.Should().ContainSingle().Which.Address.Should().Be(IPAddress.Parse("fd00:240::103"));

        // keepalived 2.2.7 deprecates an IPv6 /128 VIP (preferred_lft 0) unless told otherwise.
        multicast.VirtualAddresses.Select(a => a.EffectivePreferredLifetime).Should().Equal(null, 0u);
    }

    [Theory]
    [InlineData("fd00::1", null, 0u)]
    [InlineData("fd00::1 preferred_lft forever", uint.MaxValue, null)]
    [InlineData("fd00::1/64 preferred_lft 0", 0u, 0u)]
    [InlineData("fd00::1/64 preferred_lft 300", 300u, 300u)]
    [InlineData("fd00::1/64", null, null)]
    [InlineData("10.0.0.1/32 preferred_lft 0", 0u, null)]
    public void PreferredLft_ReadAndDefaultedAsKeepalived(string line, uint? given, uint? effective)
    {
        var text = $"vrrp_instance VI_1 {{\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {{\n  {line}\n }}\n}}\n";
        var result = new HaVip.Vrrp.Config.KeepalivedConfigParser().ParseText(text, "test.conf");

        result.Diagnostics.Should().BeEmpty();
        var address = result.Config.Instances[0].VirtualAddresses.Should().ContainSingle().Subject;
        (address.PreferredLifetime, address.EffectivePreferredLifetime).Should().Be((given, effective));
    }

    [Fact]
    public void Routes_AllForms()
    {
        var routes = TestData.Parse("corpus/routes.conf").Config.Instances[0].VirtualRoutes;

        routes.Should().HaveCount(4);
        (routes[0].Destination, routes[0].PrefixLength, routes[0].Gateway, routes[0].Device)
            .Should().Be((IPAddress.Any, 0, IPAddress.Parse("192.168.90.254"), "eth0"));
        (routes[1].Source, routes[1].Destination, routes[1].PrefixLength, routes[1].Metric, routes[1].Table)
            .Should().Be((IPAddress.Parse("192.168.90.1"), IPAddress.Parse("10.90.0.0"), 16, (int?)100, "200"));
        (routes[2].Type, routes[2].Destination.ToString()).Should().Be(("blackhole", "10.99.0.0"));
        routes[3].Gateway.Should().Be(IPAddress.Parse("192.168.90.252"));
    }

    [Fact]
    public void Garp_GlobalAndInstanceValues()
    {
        var c = TestData.Parse("corpus/garp.conf").Config;

        var g = c.GlobalDefs;
        (g.GarpInterval, g.GnaInterval, g.HigherPrioritySendAdvert).Should().Be((TimeSpan.FromMilliseconds(1), TimeSpan.FromMicroseconds(1), true));
        (g.Garp.MasterDelay, g.Garp.MasterRepeat, g.Garp.MasterRefresh, g.Garp.MasterRefreshRepeat, g.Garp.LowerPriorityDelay, g.Garp.LowerPriorityRepeat)
            .Should().Be(((TimeSpan?)TimeSpan.FromSeconds(10), (int?)3, (TimeSpan?)TimeSpan.FromSeconds(60), (int?)2, (TimeSpan?)TimeSpan.FromSeconds(4), (int?)1));
        var i = c.Instances[0].Garp;
        (i.MasterDelay, i.MasterRepeat, i.MasterRefresh, i.MasterRefreshRepeat, i.LowerPriorityDelay, i.LowerPriorityRepeat)
            .Should().Be(((TimeSpan?)TimeSpan.FromSeconds(1), (int?)2, (TimeSpan?)TimeSpan.FromSeconds(30), (int?)4, (TimeSpan?)TimeSpan.Zero, (int?)0));
    }

    [Fact]
    public void Vrrp3_VersionFromGlobalAndInstance()
    {
        var vis = TestData.Parse("corpus/vrrp3.conf").Config.Instances;

        (vis[0].Version, vis[0].AdvertInterval, vis[0].Priority).Should().Be((VrrpVersion.V3, TimeSpan.FromSeconds(0.5), 200));
        (vis[1].Version, vis[1].AdvertInterval).Should().Be((VrrpVersion.V3, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Notify_CommandsKeptAsWritten()
    {
        var n = TestData.Parse("corpus/notify.conf").Config.Instances[0].Notify;

        n.Master.Should().Be("/etc/keepalived/notify.sh master");
        n.Backup.Should().Be("/etc/keepalived/notify.sh backup");
        n.Fault.Should().Be("\"/etc/keepalived/notify.sh\" fault");
        n.Stop.Should().Be("/etc/keepalived/stop.sh");
        n.Generic.Should().Be("/etc/keepalived/notify-all.sh");
    }

    [Fact]
    public void TrackInterface_WeightsAndReverse()
    {
        var vi = TestData.Parse("corpus/track-interface.conf").Config.Instances[0];

        vi.TrackInterfaces.Select(t => (t.Name, t.Weight, t.Reverse)).Should().Equal(("eth1", -30, false), ("eth2", 0, false), ("eth3", 10, true));
    }

    [Fact]
    public void MulticastMaster_AddressOptions()
    {
        var vi = TestData.Parse("corpus/multicast-master.conf").Config.Instances[0];

        vi.UnicastPeers.Should().BeEmpty();
        vi.VirtualAddresses.Select(a => (a.Address.ToString(), a.PrefixLength, a.Device, a.Label)).Should().Equal(
            ("192.168.200.16", 32, null, null), ("192.168.200.17", 24, "eth0", "eth0:1"), ("192.168.200.18", 24, "eth0", null));
        vi.VirtualAddresses[2].Broadcast.Should().Be(IPAddress.Parse("192.168.200.255"));
        vi.VirtualAddresses[2].Scope.Should().Be("global");
    }
}
