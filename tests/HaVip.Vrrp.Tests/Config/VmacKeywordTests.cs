using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary><c>use_vmac [NAME]</c> and <c>vmac_xmit_base</c> as keepalived 2.2.7 reads them (vrrp_parser.c).</summary>
public sealed class VmacKeywordTests
{
    private static string Instance(string extra, string name = "VI_1", int vrid = 51, string peers = "") => $$"""
        vrrp_instance {{name}} {
            interface eth0
            virtual_router_id {{vrid}}
            {{peers}}
            virtual_ipaddress {
                10.0.0.100/24
            }
            {{extra}}
        }

        """;

    [Fact]
    public void Parse_UseVmacWithoutName_IsVrrpDotVridSendingFromTheVmac()
    {
        var r = TestData.ParseText(Instance("use_vmac"));

        TestData.Render(r).Should().BeEmpty();
        r.Config!.Instances[0].Vmac.Should().Be(new VmacConfig("vrrp.51", TransmitFromBase: false));
    }

    [Fact]
    public void Parse_UseVmacNameAndXmitBase_AreKept()
    {
        var r = TestData.ParseText(Instance("use_vmac vmac51\n vmac_xmit_base"));

        TestData.Render(r).Should().BeEmpty();
        r.Config!.Instances[0].Vmac.Should().Be(new VmacConfig("vmac51", TransmitFromBase: true));
    }

    [Fact]
    public void Parse_NoUseVmac_HasNoVmacEvenWithXmitBase()
    {
        var r = TestData.ParseText(Instance("vmac_xmit_base"));

        r.Config!.Instances[0].Vmac.Should().BeNull();
    }

    [Theory]
    [InlineData("abcdefghijklmnop")]
    [InlineData("a:b")]
    [InlineData("..")]
    public void Parse_InvalidVmacName_IsKeepalivedsWarningAndTheDefault(string bad)
    {
        var r = TestData.ParseText(Instance($"use_vmac {bad}"));

        TestData.Render(r).Should().Equal($"test.conf:8:14: warning KA0319: VMAC interface name '{bad}' too long or invalid characters - ignoring");
        r.KeepalivedComplains.Should().BeTrue();
        r.Config!.Instances[0].Vmac!.Name.Should().Be("vrrp.51");
    }

    [Fact]
    public void Parse_VmacNameOfAnEarlierInstance_IsWarnedAndTheDefaultUsed()
    {
        var r = TestData.ParseText(Instance("use_vmac v1") + Instance("use_vmac v1", name: "VI_2", vrid: 52));

        TestData.Render(r).Should().Equal("test.conf:17:5: warning KA0414: (VI_2) VRRP instance VI_1 is already using v1 - ignoring name");
        r.Config!.Instances.Select(i => i.Vmac!.Name).Should().Equal("v1", "vrrp.52");
    }

    [Fact]
    public void Parse_UnicastWithUseVmac_SetsXmitBaseWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(Instance("use_vmac", peers: "unicast_peer {\n 10.0.0.2\n }"));

        TestData.Render(r).Should().Equal("test.conf:10:5: warning KA0415: (VI_1) unicast with use_vmac requires vmac_xmit_base - setting");
        r.Config!.Instances[0].Vmac.Should().Be(new VmacConfig("vrrp.51", TransmitFromBase: true));
    }
}
