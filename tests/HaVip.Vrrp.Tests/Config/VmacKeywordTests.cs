using System.Net.Sockets;
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

    private static string OnEth1(string extra, string excluded = "") => $$"""
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            {{extra}}
            virtual_ipaddress {
                10.0.0.100/24
                10.0.0.101/24 dev eth0
                10.1.0.100/24 dev eth1
            }
            virtual_ipaddress_excluded {
                10.1.0.101/24 dev eth1
                {{excluded}}
            }
        }

        """;

    /// <summary>
    /// keepalived 2.2.7 (vrrp.c, vrrp_complete_instance): use_vmac_addr gives each address on
    /// another interface a VMAC there, with or without use_vmac; the instance's own interface
    /// keeps its addresses (on its VMAC with use_vmac). Without it no address has one.
    /// </summary>
    [Theory]
    [InlineData("use_vmac_addr", new[] { null, null, "eth1" }, new[] { "eth1" })]
    [InlineData("use_vmac\n use_vmac_addr", new[] { null, null, "eth1" }, new[] { "eth1" })]
    [InlineData("use_vmac", new string?[] { null, null, null }, new string?[] { null })]
    [InlineData("", new string?[] { null, null, null }, new string?[] { null })]
    public void Parse_UseVmacAddr_GivesAddressesOnOtherInterfacesAVmacThere(string extra, string?[] vips, string?[] excluded)
    {
        var r = TestData.ParseText(OnEth1(extra));

        TestData.Render(r).Should().BeEmpty();
        var i = r.Config!.Instances[0];
        i.UseVmacAddr.Should().Be(extra.Contains("use_vmac_addr", StringComparison.Ordinal));
        i.VirtualAddresses.Select(a => a.VmacOn).Should().Equal(vips);
        i.ExcludedAddresses.Select(a => a.VmacOn).Should().Equal(excluded);
    }

    [Fact]
    public void Parse_UseVmacAddr_AnEvipOfTheOtherFamilyOnTheInstancesInterfaceGetsAVmacThere()
    {
        var r = TestData.ParseText(OnEth1("use_vmac\n use_vmac_addr", excluded: "fd00::1/64"));

        r.Config!.Instances[0].ExcludedAddresses.Select(a => a.VmacOn).Should().Equal("eth1", "eth0");
    }

    [Fact]
    public void Parse_UseVmacOnAnAddressLine_GivesThatAddressAVmac_AndKeepalivedsWarningsWhenItIsSaidTwice()
    {
        var r = TestData.ParseText($$"""
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                use_vmac
                virtual_ipaddress {
                    10.0.0.100/24 use_vmac
                    10.1.0.100/24 dev eth1 use_vmac
                }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                use_vmac_addr
                virtual_ipaddress {
                    10.0.0.102/24
                    10.1.0.102/24 dev eth1 use_vmac
                }
            }

            """);

        TestData.Render(r).Should().Equal(
            "test.conf:6:9: warning KA0431: (VI_1) use_vmac specified for VIP/eVIP 10.0.0.100/24 and vrrp instance",
            "test.conf:16:9: warning KA0431: (VI_2) use_vmac_addr specified and use_vmac specified for VIP/eVIP 10.1.0.102/24");
        r.Config!.Instances[0].VirtualAddresses.Select(a => a.VmacOn).Should().Equal(null, "eth1");
        r.Config!.Instances[1].VirtualAddresses.Select(a => a.VmacOn).Should().Equal(null, "eth1");
    }

    /// <summary>
    /// keepalived 2.2.7 names its VMACs itself (vrrp.c, create_vmac_name): an IPv4 and an IPv6
    /// instance of one VRID cannot both be vrrp.51; the IPv6 one becomes vrrp6.51.
    /// </summary>
    [Fact]
    public void Parse_Ipv4AndIpv6InstancesOfOneVrid_GetKeepalivedsDistinctDefaultNames()
    {
        var v6 = Instance("use_vmac", name: "VI_6").Replace("10.0.0.100/24", "fd00::100/64", StringComparison.Ordinal);
        var r = TestData.ParseText(Instance("use_vmac") + v6 + Instance("use_vmac", name: "VI_7", vrid: 51).Replace("eth0", "eth1", StringComparison.Ordinal));

        r.Config!.Instances.Select(i => i.Vmac!.Name).Should().Equal("vrrp.51", "vrrp6.51", "vrrp1.51");
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, new[] { "vrrp.51", "vrrp1.51", "vrrp2.51" }, "vrrp3.51")]
    [InlineData(AddressFamily.InterNetworkV6, new[] { "vrrp.51" }, "vrrp6.51")]
    [InlineData(AddressFamily.InterNetworkV6, new[] { "vrrp.51", "vrrp6.51", "vrrp1.51", "vrrp2.51", "vrrp3.51", "vrrp4.51", "vrrp5.51" }, "vrrp7.51")]
    public void FreeName_SkipsTakenNamesInKeepalivedsOrder(AddressFamily family, string[] taken, string expected) =>
        VmacConfig.FreeName("vrrp", 51, family, taken.Contains).Should().Be(expected);

    [Fact]
    public void FreeName_LongPrefix_IsCutToFitAnInterfaceName() =>
        VmacConfig.FreeName("averyveryverylongprefix", 255, AddressFamily.InterNetwork, _ => false).Should().Be("averyveryve.255");

    /// <summary>
    /// keepalived 2.2.7 (global_parser.c, vrrp.c create_vmac_name): <c>vmac_prefix</c> starts the
    /// names of the VMACs it names itself; a name given to <c>use_vmac</c> stays as given.
    /// </summary>
    [Fact]
    public void Parse_VmacPrefix_NamesTheDefaultVmacs()
    {
        var v6 = Instance("use_vmac", name: "VI_6").Replace("10.0.0.100/24", "fd00::100/64", StringComparison.Ordinal);
        var r = TestData.ParseText("global_defs {\n vmac_prefix vr\n}\n" + Instance("use_vmac") + v6 + Instance("use_vmac named", name: "VI_7", vrid: 52));

        TestData.Render(r).Should().BeEmpty();
        r.Config!.Instances.Select(i => i.Vmac!.Name).Should().Equal("vr.51", "vr6.51", "named");
        r.Config.GlobalDefs.AddressVmacPrefix.Should().Be("vr", "vmac_addr_prefix defaults to vmac_prefix");
    }

    [Fact]
    public void Parse_VmacAddrPrefix_NamesOnlyTheAddressVmacs()
    {
        var r = TestData.ParseText("global_defs {\n vmac_addr_prefix va\n}\n" + Instance("use_vmac"));

        TestData.Render(r).Should().BeEmpty();
        r.Config!.Instances[0].Vmac!.Name.Should().Be("vrrp.51");
        r.Config.GlobalDefs.AddressVmacPrefix.Should().Be("va");
    }

    [Fact]
    public void Parse_VmacPrefixTwice_IsKeepalivedsWarningAndTheFirstCounts()
    {
        var r = TestData.ParseText("global_defs {\n vmac_prefix a\n vmac_prefix b\n vmac_addr_prefix c\n vmac_addr_prefix d\n}\n" + Instance("use_vmac"));

        TestData.Render(r).Should().Equal(
            "test.conf:3:2: warning KA0325: vmac prefix has already been specified - ignoring b",
            "test.conf:5:2: warning KA0325: vmac_addr prefix has already been specified - ignoring d");
        r.KeepalivedComplains.Should().BeTrue();
        r.Config!.Instances[0].Vmac!.Name.Should().Be("a.51");
        r.Config.GlobalDefs.AddressVmacPrefix.Should().Be("c");
    }
}
