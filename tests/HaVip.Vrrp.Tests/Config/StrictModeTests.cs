using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>
/// <c>vrrp_strict</c> / <c>strict_mode</c>, <c>accept</c> / <c>no_accept</c> and
/// <c>unicast_ttl</c>, each verdict and message as <c>keepalived --config-test</c> 2.2.7 gives it
/// (vrrp_complete_instance in keepalived's vrrp.c; the messages were taken from its run).
/// </summary>
public sealed class StrictModeTests
{
    private const string Strict = "global_defs {\n    vrrp_strict\n}\n";

    private static HaVip.Vrrp.Machine.VrrpRouterOptions Options(ConfigParseResult r) =>
        HaVip.Vrrp.Machine.RouterOptionsFactory.Create(r.Config, r.Config.Instances[0], System.Net.IPAddress.Parse("10.0.0.1"));

    private static List<string> Warnings(ConfigParseResult r) =>
        r.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Note).Select(d => $"{d.Code}: {d.Message}").ToList();

    [Fact]
    public void Parse_StrictWithAuthentication_IsKeepalivedsWarningAndNoAuthentication()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("authentication {\n auth_type PASS\n auth_pass secret\n}"));

        Warnings(r).Should().Equal("KA0417: (VI_1) Strict mode does not support authentication. Ignoring.");
        r.Config.Instances[0].Strict.Should().BeTrue();
        r.Config.Instances[0].Authentication.Should().BeNull();
    }

    [Fact]
    public void Parse_StrictWithPreemptDelay_IsResetWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("preempt_delay 5"));

        Warnings(r).Should().Equal("KA0417: (VI_1) preempt_delay is incompatible with strict mode - resetting");
        r.Config.Instances[0].PreemptDelay.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Parse_StrictWithVmacXmitBase_IsResetWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("use_vmac\n vmac_xmit_base"));

        Warnings(r).Should().Equal("KA0417: (VI_1) xmit_base is incompatible with strict mode - resetting");
        r.Config.Instances[0].Vmac!.TransmitFromBase.Should().BeFalse();
    }

    [Fact]
    public void Parse_StrictAcceptWithVrrpV2_IsResetWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("accept"));

        Warnings(r).Should().Equal("KA0418: (VI_1) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
        r.Config.Instances[0].Accept.Should().BeFalse();
    }

    [Fact]
    public void Parse_StrictAcceptWithVrrpV3_IsAcceptMode()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("version 3\n accept"));

        Warnings(r).Should().BeEmpty();
        r.Config.Instances[0].Accept.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "no_accept", false)]
    [InlineData(Strict, "", false)]
    [InlineData(Strict, "strict_mode off", true)]
    [InlineData("", "strict_mode", false)]
    [InlineData("", "strict_mode on", false)]
    public void Parse_AcceptModeDefault_IsOnUnlessStrictOrNoAccept(string global, string extra, bool accept)
    {
        var r = TestData.ParseText(global + KeywordSupportTests.Instance(extra));

        Warnings(r).Should().BeEmpty();
        r.Config.Instances[0].Accept.Should().Be(accept);
        r.Config.Instances[0].Strict.Should().Be(!accept && extra != "no_accept");
    }

    [Fact]
    public void Parse_StrictModeNotABoolean_IsKeepalivedsWarning()
    {
        var r = TestData.ParseText(KeywordSupportTests.Instance("strict_mode bogus"));

        TestData.Render(r).Should().Equal("test.conf:8:17: warning KA0320: (VI_1) invalid strict_mode bogus specified");
    }

    [Fact]
    public void Parse_StrictWithUnicastPeers_AcceptedAsKeepalived227Does()
    {
        // keepalived's source refuses unicast peers in strict mode, but 2.2.7's --config-test and
        // its daemon both run such an instance (checked on a veth in a namespace): havipd agrees.
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("unicast_peer {\n 10.0.0.2\n}"));

        Warnings(r).Should().BeEmpty();
        r.Config.Instances[0].UnicastPeers.Should().ContainSingle();
    }

    [Fact]
    public void Parse_StrictStateMasterNotOwner_IsKeepalivedsWarningAndBackup()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("state MASTER"));

        Warnings(r).Should().Equal("KA0417: (VI_1) State MASTER must match being address owner");
        r.Config.Instances[0].InitialState.Should().Be(InitialState.Backup);
    }

    [Fact]
    public void Parse_StrictStateMasterOwner_IsAccepted()
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("state MASTER").Replace("priority 100", "priority 255", StringComparison.Ordinal));

        Warnings(r).Should().BeEmpty();
        r.Config.Instances[0].InitialState.Should().Be(InitialState.Master);
    }

    [Fact]
    public void Parse_PreemptDelayWithNopreempt_IsResetWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(KeywordSupportTests.Instance("nopreempt\n preempt_delay 4"));

        Warnings(r).Should().Equal("KA0420: (VI_1) preempt_delay is incompatible with nopreempt mode - resetting");
        r.Config.Instances[0].PreemptDelay.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Parse_UnicastTtlWithPeers_IsKept()
    {
        var r = TestData.ParseText(KeywordSupportTests.Instance("unicast_ttl 5\n unicast_peer {\n 10.0.0.2\n}"));

        TestData.Render(r).Should().BeEmpty();
        r.Config.Instances[0].UnicastTtl.Should().Be(5);
    }

    [Fact]
    public void Parse_UnicastTtlWithoutPeers_IsResetWithKeepalivedsWarning()
    {
        var r = TestData.ParseText(KeywordSupportTests.Instance("unicast_ttl 5"));

        TestData.Render(r).Should().Equal("test.conf:8:5: warning KA0419: (VI_1): Cannot use unicast_ttl without unicast peers - resetting");
        r.Config.Instances[0].UnicastTtl.Should().BeNull();
    }

    [Fact]
    public void Parse_UnicastTtlOutOfRange_IsKeepalivedsWarning()
    {
        var r = TestData.ParseText(KeywordSupportTests.Instance("unicast_ttl 256\n unicast_peer {\n 10.0.0.2\n}"));

        TestData.Render(r).Should().Equal("test.conf:8:17: warning KA0321: (VI_1): TTL '256' not valid - must be between 0 & 255");
        r.Config.Instances[0].UnicastTtl.Should().BeNull();
    }

    [Theory]
    [InlineData("garp_lower_prio_repeat 3", "KA0417: (VI_1) Strict mode requires no repeat garps. resetting")]
    [InlineData("garp_lower_prio_delay 2", "KA0417: (VI_1) Strict mode requires no repeat garp delay. resetting")]
    [InlineData("lower_prio_no_advert off", "KA0417: (VI_1) Strict mode requires no lower priority advert. resetting")]
    [InlineData("higher_prio_send_advert", "KA0417: (VI_1) strict mode requires higher_prio_send_advert to be clear. resetting")]
    public void Parse_StrictWithLowerPriorityAnswers_IsResetWithKeepalivedsWarning(string extra, string warning)
    {
        var r = TestData.ParseText(Strict + KeywordSupportTests.Instance("version 3\n " + extra));

        Warnings(r).Should().Equal(warning);
        var options = Options(r);
        (options.ReannounceOnLowerPriorityMaster, options.HigherPrioritySendAdvert, options.Garp.LowerPriorityRepeat, options.Garp.LowerPriorityDelay)
            .Should().Be((false, false, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Parse_StrictOverridesGlobalLowerPriorityAnswers_Silently()
    {
        const string global = "global_defs {\n vrrp_strict\n vrrp_garp_lower_prio_repeat 2\n vrrp_higher_prio_send_advert\n vrrp_lower_prio_no_advert off\n}\n";

        var r = TestData.ParseText(global + KeywordSupportTests.Instance("version 3"));

        Warnings(r).Should().BeEmpty();
        var options = Options(r);
        (options.ReannounceOnLowerPriorityMaster, options.HigherPrioritySendAdvert, options.Garp.LowerPriorityRepeat).Should().Be((false, false, 0));
    }

    [Theory]
    [InlineData("", "", true, false)]
    [InlineData("vrrp_lower_prio_no_advert", "", false, false)]
    [InlineData("vrrp_lower_prio_no_advert", "lower_prio_no_advert false", true, false)]
    [InlineData("vrrp_higher_prio_send_advert", "", true, true)]
    [InlineData("", "higher_prio_send_advert on\n lower_prio_no_advert", false, true)]
    public void Parse_LowerAndHigherPriorityAdvert_InstanceOverGlobal(string global, string extra, bool reannounce, bool higher)
    {
        var r = TestData.ParseText($"global_defs {{\n {global}\n}}\n" + KeywordSupportTests.Instance(extra));

        Warnings(r).Should().BeEmpty();
        var options = Options(r);
        (options.ReannounceOnLowerPriorityMaster, options.HigherPrioritySendAdvert).Should().Be((reannounce, higher));
    }

    [Theory]
    [InlineData("nftables\n nftables foo", "test.conf:3:2: warning KA0324: nftables already specified - ignoring")]
    [InlineData("nftables_priority low", "test.conf:2:20: warning KA0324: invalid nftables chain priority 'low'")]
    [InlineData("vrrp_iptables", "test.conf:2:2: warning KA0324: iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option")]
    public void Parse_NftablesKeywords_KeepalivedsWarnings(string global, string expected)
    {
        var r = TestData.ParseText($"global_defs {{\n {global}\n}}\n" + KeywordSupportTests.Instance(""));

        TestData.Render(r).Should().Equal(expected);
        r.Config.GlobalDefs.NftablesTable.Should().Be(global.StartsWith("nftables_", StringComparison.Ordinal) ? null : "keepalived");
    }

    [Fact]
    public void Parse_NftablesKeywords_Read()
    {
        var r = TestData.ParseText("global_defs {\n nftables fw\n nftables_priority -10\n nftables_counters\n nftables_ifindex\n}\n" + KeywordSupportTests.Instance(""));

        TestData.Render(r).Should().BeEmpty();
        (r.Config.GlobalDefs.NftablesTable, r.Config.GlobalDefs.NftablesPriority, r.Config.GlobalDefs.NftablesCounters).Should().Be(("fw", -10, true));
    }
}
