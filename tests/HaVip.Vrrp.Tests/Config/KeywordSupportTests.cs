using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>The keywords of issue 15, with keepalived 2.2.7's meaning (keepalived.conf(5)).</summary>
public sealed class KeywordSupportTests
{
    internal static string Instance(string extra, string name = "VI_1", int vrid = 51) => $$"""
        vrrp_instance {{name}} {
            interface eth0
            virtual_router_id {{vrid}}
            priority 100
            virtual_ipaddress {
                10.0.0.100/24
            }
            {{extra}}
        }

        """;

    [Fact]
    public void Parse_DontTrackPrimary_SetsTheFlagWithoutDiagnostics()
    {
        var r = TestData.ParseText(Instance("dont_track_primary"));

        TestData.Render(r).Should().BeEmpty();
        r.Config.Instances[0].DontTrackPrimary.Should().BeTrue();
    }

    [Fact]
    public void Parse_VirtualIpaddressExcluded_IsReadLikeVirtualIpaddress()
    {
        var r = TestData.ParseText(Instance("virtual_ipaddress_excluded {\n 10.0.1.5/24 dev eth1\n fd00::5/64\n}"));

        TestData.Render(r).Should().BeEmpty();
        r.Config.Instances[0].ExcludedAddresses.Select(a => a.Address.ToString()).Should().Equal("10.0.1.5", "fd00::5");
        r.Config.Instances[0].VirtualAddresses.Should().ContainSingle();
    }

    [Fact]
    public void Parse_InitFail_ScriptStartsFailed()
    {
        var r = TestData.ParseText("vrrp_script chk {\n script /bin/true\n init_fail\n}\n");

        TestData.Render(r).Should().BeEmpty();
        r.Config.Scripts["chk"].InitFail.Should().BeTrue();
    }

    [Fact]
    public void Parse_DefaultInterface_IsForStaticAddressesOnlyAsInKeepalived()
    {
        // keepalived.conf(5): default_interface is the dev of static addresses; an instance still needs 'interface'.
        var r = TestData.ParseText("global_defs {\n default_interface bond0\n}\nvrrp_instance V {\n virtual_router_id 3\n virtual_ipaddress {\n 10.0.0.1\n }\n}\n");

        TestData.Render(r).Should().Equal("test.conf:4:1: error KA0401: vrrp_instance 'V' has no 'interface'");
        r.Config.GlobalDefs.DefaultInterface.Should().Be("bond0");
    }

    [Fact]
    public void Parse_SyncGroup_ReadsMembersNotifyAndTracking()
    {
        var r = TestData.ParseText("""
            vrrp_script chk { script /bin/true }
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
                notify_master "/bin/echo master"
                notify_fault /bin/fault
                notify /bin/any
                track_script {
                    chk
                }
                track_interface {
                    eth1
                }
            }

            """ + Instance("", "VI_1", 1) + Instance("", "VI_2", 2));

        TestData.Render(r).Should().BeEmpty();
        var g = r.Config.SyncGroups.Should().ContainSingle().Which;
        g.Name.Should().Be("G1");
        g.Members.Should().Equal("VI_1", "VI_2");
        g.Notify.Master.Should().Be("/bin/echo master");
        g.Notify.Fault.Should().Be("/bin/fault");
        g.Notify.Generic.Should().Be("/bin/any");
        g.TrackScripts.Should().ContainSingle().Which.Name.Should().Be("chk");
        g.TrackInterfaces.Should().ContainSingle().Which.Name.Should().Be("eth1");
    }

    [Fact]
    public void Parse_SyncGroupWithUnknownMember_WarnsAsKeepalivedDoesAndKeepsTheRest()
    {
        var r = TestData.ParseText("vrrp_sync_group G1 {\n group {\n VI_1\n VI_9\n }\n}\n" + Instance("", "VI_1", 1));

        TestData.Render(r).Should().Equal(
            "test.conf:1:1: warning KA0412: sync group G1 has only 1 virtual router: it moves nothing together",
            "test.conf:4:2: warning KA0411: virtual router VI_9 of sync group G1 does not exist (ignored)");
        r.Config.SyncGroups[0].Members.Should().Equal("VI_1");
    }

    [Fact]
    public void Parse_TrackFile_ReadsTheFileBlockAndTheInstanceReference()
    {
        var r = TestData.ParseText("track_file tf1 {\n file /run/tf1\n weight -10 reverse\n init_file 5 overwrite\n}\n" + Instance("track_file {\n tf1 weight 3\n}"));

        r.KeepalivedComplains.Should().BeFalse(string.Join('\n', TestData.Render(r)));
        var f = r.Config.TrackFiles["tf1"];
        (f.Path, f.Weight, f.Reverse, f.InitValue, f.InitOverwrite).Should().Be(("/run/tf1", -10, true, 5, true));
        r.Config.Instances[0].TrackFiles.Should().ContainSingle().Which.Weight.Should().Be(3);
        r.Diagnostics.Should().BeEmpty("havipd applies track_file as keepalived does: nothing to remark");
    }

    [Fact]
    public void Parse_VrrpTrackFileSynonymAndUnknownFile_AreReportedLikeTrackScripts()
    {
        var r = TestData.ParseText("vrrp_track_file tf1 {\n file /run/tf1\n}\n" + Instance("track_file {\n tf2\n}"));

        r.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Note).Select(d => d.ToString()).Should().Equal("test.conf:12:2: error KA0404: track_file 'tf2' names no track_file block");
        r.Config.TrackFiles.Should().ContainKey("tf1");
    }

    [Theory]
    [InlineData("notify_fifo /run/ka.fifo", "/run/ka.fifo", null)]
    [InlineData("vrrp_notify_fifo /run/ka.fifo\n vrrp_notify_fifo_script \"/usr/bin/reader --x\"", "/run/ka.fifo", "/usr/bin/reader --x")]
    public void Parse_NotifyFifo_IsReadFromGlobalDefs(string lines, string path, string? script)
    {
        var r = TestData.ParseText($"global_defs {{\n {lines}\n}}\n" + Instance(""));

        r.KeepalivedComplains.Should().BeFalse();
        var fifo = r.Config.GlobalDefs.NotifyFifos.Should().ContainSingle().Which;
        (fifo.Path, fifo.Script).Should().Be((path, script));
    }

    [Fact]
    public void Parse_ScriptSecurityAndUser_AreRead()
    {
        var r = TestData.ParseText("global_defs {\n enable_script_security\n script_user nobody nogroup\n}\n" + Instance(""));

        r.KeepalivedComplains.Should().BeFalse();
        r.Config.GlobalDefs.EnableScriptSecurity.Should().BeTrue();
        r.Config.GlobalDefs.ScriptUser.Should().Be(new ScriptUser("nobody", "nogroup"));
    }

    [Fact]
    public void Parse_CheckUnicastSource_InstanceAndGlobal()
    {
        var one = TestData.ParseText(Instance("unicast_peer {\n 10.0.0.3\n}\n check_unicast_src"));
        var all = TestData.ParseText("global_defs {\n vrrp_check_unicast_src\n}\n" + Instance("unicast_peer {\n 10.0.0.3\n}"));

        TestData.Render(one).Should().BeEmpty();
        TestData.Render(all).Should().BeEmpty();
        one.Config.Instances[0].CheckUnicastSource.Should().BeTrue();
        all.Config.Instances[0].CheckUnicastSource.Should().BeTrue();
    }

    [Fact]
    public void Parse_RouteWithOr_IsKeptAsNexthopsWithKeepalivedsDeprecationWarning()
    {
        var r = TestData.ParseText(Instance("virtual_routes {\n 10.9.0.0/16 via 10.0.0.1 dev eth0 or 10.0.0.3 dev eth0\n}"));

        TestData.Render(r).Should().Equal(
            "test.conf:9:36: warning KA0314: \"or\" for routes is deprecated: write \"nexthop\" (keepalived says the same)");
        var route = r.Config.Instances[0].VirtualRoutes.Should().ContainSingle().Which;
        route.NextHops.Select(h => h.Gateway!.ToString()).Should().Equal("10.0.0.1", "10.0.0.3");
    }

    [Fact]
    public void Parse_RouteWithNexthops_ReadsEachHopWithItsWeightAndInstallsAllOfThem()
    {
        var r = TestData.ParseText(Instance("virtual_routes {\n 10.8.0.0/16 nexthop via 10.0.0.1 dev eth0 weight 2 nexthop via 10.0.0.3 dev eth0\n}"));

        // keepalived: "cannot track route 10.8.0.0/16 with no interface specified" (no dev before the hops).
        TestData.Render(r).Should().Equal(
            "test.conf:9:2: warning KA0318: route 10.8.0.0/16 has no dev: keepalived cannot track it (it says so); havipd installs it all the same");
        var hops = r.Config.Instances[0].VirtualRoutes.Should().ContainSingle().Which.NextHops;
        hops.Select(h => (h.Gateway!.ToString(), h.Device, h.Weight)).Should().Equal(("10.0.0.1", "eth0", 2), ("10.0.0.3", "eth0", 1));
    }

    [Theory]
    [InlineData("includea")]
    [InlineData("includem")]
    [InlineData("includew")]
    public void Parse_StrictIncludeVariantMatchingNothing_IsAnError(string keyword)
    {
        var r = TestData.ParseText($"{keyword} /etc/none/*.conf\n" + Instance(""));

        TestData.Render(r).Should().Equal($"test.conf:1:{keyword.Length + 2}: error KA0105: {keyword} '/etc/none/*.conf' matches no file");
    }

    [Theory]
    [InlineData("include")]
    [InlineData("includer")]
    public void Parse_LenientIncludeMatchingNothing_IsOnlyANote(string keyword)
    {
        // keepalived prints "Config files missing" and still passes the config test.
        var r = TestData.ParseText($"{keyword} /etc/none/*.conf\n" + Instance(""));

        r.Diagnostics.Should().ContainSingle().Which.Severity.Should().Be(DiagnosticSeverity.Note);
        r.KeepalivedComplains.Should().BeFalse();
    }

    [Fact]
    public void Parse_GarpMasterDelayInGlobalDefs_IsUnknownAsInKeepalivedWithAHint()
    {
        var r = TestData.ParseText("global_defs {\n garp_master_delay 3\n}\n" + Instance(""));

        TestData.Render(r).Should().Equal("test.conf:2:2: warning KA0201: unknown keyword 'garp_master_delay' in global_defs (ignored; keepalived ignores it too: write vrrp_garp_master_delay)");
    }

    [Fact]
    public void Parse_VirtualServers_AreOutOfScopeOnceAFile()
    {
        var r = TestData.ParseText(Instance("") + "virtual_server 10.0.0.100 80 {\n lb_algo rr\n}\nvirtual_server 10.0.0.100 443 {\n lb_algo rr\n}\nvirtual_server_group G {\n 10.0.0.100 80\n}\n");

        TestData.Render(r).Should().Equal("test.conf:10:1: note KA0208: LVS (virtual_server, virtual_server_group) is out of havipd's scope: havipd runs only the VRRP part of this file");
    }

    [Theory]
    [InlineData("linkbeat_use_polling", "KA0207", "'linkbeat_use_polling' is not supported by havipd: links are watched by netlink")]
    public void Parse_UnsupportedInstanceKeyword_IsALocatedNoteSayingWhatHavipdDoesInstead(string extra, string code, string message)
    {
        var r = TestData.ParseText(Instance(extra));

        TestData.Render(r).Should().Equal($"test.conf:8:5: note {code}: {message}");
        r.HasErrors.Should().BeFalse();
    }

    [Theory]
    [InlineData("", "accept")]
    [InlineData("", "no_accept")]
    [InlineData("", "strict_mode on\n version 3")]
    [InlineData("vrrp_strict", "version 3")]
    public void Parse_AcceptModeKeywords_AreWhatHavipdDoesAndSilent(string global, string extra) =>
        TestData.Render(TestData.ParseText($"global_defs {{\n {global}\n}}\n" + Instance(extra))).Should().BeEmpty();

    [Fact]
    public void Parse_NoteSeverity_IsNeitherErrorNorKeepalivedComplaint()
    {
        var r = TestData.ParseText(Instance("linkbeat_use_polling"));

        r.Diagnostics.Should().ContainSingle().Which.Severity.Should().Be(DiagnosticSeverity.Note);
        r.KeepalivedComplains.Should().BeFalse();
        TestData.ParseText(Instance("bogus 1")).KeepalivedComplains.Should().BeTrue();
    }

    [Fact]
    public void Parse_VrrpScriptUser_IsRead()
    {
        var r = TestData.ParseText("vrrp_script chk {\n script /bin/true\n user nobody\n}\n");

        TestData.Render(r).Should().BeEmpty();
        r.Config.Scripts["chk"].User.Should().Be(new ScriptUser("nobody", null));
    }
}
