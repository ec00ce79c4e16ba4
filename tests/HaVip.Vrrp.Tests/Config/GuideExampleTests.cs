using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>
/// The keepalived.conf of the user guide, section 15.6, copied byte for byte (guide-15.6.conf).
/// Its virtual_routes line carries the prose "Custom routing rule" after the route: keepalived
/// rejects the route at the word "Custom" and so must we, while everything else parses.
/// </summary>
public sealed class GuideExampleTests
{
    private readonly ConfigParseResult _result = TestData.Parse("guide-15.6.conf");

    [Fact]
    public void Parse_GuideExample_ReportsOnlyTheVirtualRoutesLineAtTheWordCustom()
    {
        // keepalived 2.2.7 also calls 'vrrp_garp_interval 0' and 'vrrp_gna_interval 0' invalid (its minimum is 0.000001).
        TestData.Render(_result).Should().Equal(
            "guide-15.6.conf:5:23: warning KA0301: 'vrrp_garp_interval' 0 is invalid for keepalived (from 0.000001 s); the default, no gap, is used",
            "guide-15.6.conf:6:22: warning KA0301: 'vrrp_gna_interval' 0 is invalid for keepalived (from 0.000001 s); the default, no gap, is used",
            "guide-15.6.conf:34:47: error KA0310: unknown route keyword 'Custom': keepalived drops this route (write comments after '#' or '!')");
        var d = _result.Diagnostics.Single(x => x.Severity == DiagnosticSeverity.Error);
        d.Position.Line.Should().Be(34);
        d.Position.Column.Should().Be(47);
        d.Position.File.Should().EndWith("guide-15.6.conf");
        d.Severity.Should().Be(DiagnosticSeverity.Error);
    }

    [Fact]
    public void Parse_GuideExample_GlobalDefsAndScriptParse()
    {
        var g = _result.Config.GlobalDefs;
        g.RouterId.Should().Be("LVS_DEVEL");
        g.SkipCheckAdvertAddresses.Should().BeTrue();
        g.GarpInterval.Should().Be(TimeSpan.Zero);
        g.GnaInterval.Should().Be(TimeSpan.Zero);
        g.Version.Should().Be(VrrpVersion.V2);

        var script = _result.Config.Scripts.Should().ContainSingle().Which.Value;
        script.Name.Should().Be("checkhaproxy");
        script.Script.Should().Be("/etc/keepalived/do_sth.sh");
        script.Interval.Should().Be(TimeSpan.FromSeconds(5));
        script.Weight.Should().Be(0);
        (script.Rise, script.Fall, script.Timeout).Should().Be((1, 1, (TimeSpan?)null));
    }

    [Fact]
    public void Parse_GuideExample_InstanceParsesFieldByField()
    {
        var vi = _result.Config.Instances.Should().ContainSingle().Which;
        vi.Name.Should().Be("VI_1");
        vi.InitialState.Should().Be(InitialState.Backup);
        vi.Interface.Should().Be("eth0");
        vi.VirtualRouterId.Should().Be(51);
        vi.NoPreempt.Should().BeTrue();
        vi.Priority.Should().Be(100);
        vi.AdvertInterval.Should().Be(TimeSpan.FromSeconds(5));
        vi.Version.Should().Be(VrrpVersion.V2);
        vi.Authentication.Should().Be(new VrrpAuthentication(AuthType.Pass, "1111"));
        vi.UnicastSourceIp.Should().Be(IPAddress.Parse("10.0.240.14"));
        vi.UnicastPeers.Should().Equal(IPAddress.Parse("10.0.240.15"), IPAddress.Parse("10.0.240.16"));
        var vip = vi.VirtualAddresses.Should().ContainSingle().Which;
        (vip.Address, vip.PrefixLength, vip.Device, vip.Label).Should().Be((IPAddress.Parse("192.168.177.204"), 24, "eth1", (string?)null));
        vip.Position.Line.Should().Be(31);
        vi.VirtualRoutes.Should().BeEmpty("keepalived drops a route with an unknown keyword");
        vi.TrackScripts.Should().BeEmpty();
        vi.PreemptDelay.Should().Be(TimeSpan.Zero);
        vi.Position.Line.Should().Be(13);
    }
}
