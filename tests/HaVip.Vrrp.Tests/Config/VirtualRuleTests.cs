using System.Net;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>
/// <c>virtual_rules</c> as keepalived 2.2.7 reads them (vrrp_iprule.c alloc_rule): each line one
/// ip rule; a bad line is a complaint and that rule is dropped, the rest of the file runs.
/// </summary>
public sealed class VirtualRuleTests
{
    private static IReadOnlyList<VirtualRule> Rules(ConfigParseResult r) => r.Config.Instances[0].VirtualRules;

    private static ConfigParseResult Parse(params string[] lines) =>
        TestData.ParseText(KeywordSupportTests.Instance("virtual_rules {\n" + string.Join('\n', lines) + "\n}"));

    [Fact]
    public void Parse_EveryRunOption_IsReadIntoTheRule()
    {
        var r = Parse(
            "not from 192.0.2.0/24 to 198.51.100.7 iif eth0 oif eth1 fwmark 0x10/0xff tos 0x10 table 100 priority 300 protocol 18",
            "fwmark 7 goto 600 preference 500",
            "from 192.0.2.9 type prohibit order 700 no_track");

        TestData.Render(r).Should().BeEmpty();
        var rules = Rules(r);
        rules.Should().HaveCount(3);
        rules[0].Should().BeEquivalentTo(new
        {
            Invert = true,
            From = IPAddress.Parse("192.0.2.0"),
            FromPrefix = 24,
            To = IPAddress.Parse("198.51.100.7"),
            ToPrefix = 32,
            InputInterface = "eth0",
            OutputInterface = "eth1",
            FwMark = 0x10u,
            FwMask = 0xffu,
            Tos = (byte)0x10,
            Action = RuleAction.Table,
            Table = 100u,
            Priority = 300u,
            Protocol = (byte?)18,
        });
        (rules[1].Action, rules[1].GotoTarget, rules[1].Priority, rules[1].FwMark, rules[1].FwMask).Should().Be((RuleAction.Goto, 600u, 500u, 7u, (uint?)null));
        (rules[2].Action, rules[2].Priority, rules[2].Protocol).Should().Be((RuleAction.Prohibit, 700u, (byte?)null));
    }

    [Fact]
    public void Parse_TrackedRule_IsTaggedProtocolKeepalived_NoTrackIsNot()
    {
        var r = Parse("from 192.0.2.0/24 table 100 priority 10", "from 192.0.2.1 table 100 priority 11 no_track", "to 192.0.2.2 table main priority 12 protocol 4");

        Rules(r).Select(x => x.Protocol).Should().Equal((byte)18, null, (byte)18);
        TestData.Render(r).Should().Equal("test.conf:11:1: warning KA0322: Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol");
    }

    [Fact]
    public void Parse_NoPreference_GetsKeepalivedsNextFrom16384DownWithItsWarning()
    {
        var r = Parse("from 192.0.2.0/24 table 100", "to 198.51.100.0/24 lookup 101 priority 5", "to 203.0.113.0/24 table 102");

        Rules(r).Select(x => x.Priority).Should().Equal(16384u, 5u, 16383u);
        TestData.Render(r).Should().Equal(
            "test.conf:9:1: warning KA0322: Rule has no preference specified - setting to 16384. This is probably not what you want.",
            "test.conf:11:1: warning KA0322: Rule has no preference specified - setting to 16383. This is probably not what you want.");
    }

    [Theory]
    [InlineData("from 192.0.2.0/24 priority 5", "No action specified for rule - ignoring")]
    [InlineData("from 192.0.2.0/24 table 100 bogus priority 5", "Unknown rule option bogus")]
    [InlineData("from 192.0.2.0/33 table 100 priority 5", "Invalid rule from address 192.0.2.0/33")]
    [InlineData("to nowhere table 100 priority 5", "Invalid rule to address nowhere")]
    [InlineData("from 192.0.2.0/24 table 0 priority 5", "Table 0 is not valid")]
    [InlineData("from 192.0.2.0/24 table nosuch priority 5", "Routing table nosuch not found for rule")]
    [InlineData("from 192.0.2.0/24 table 100 blackhole priority 5", "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule")]
    [InlineData("fwmark 7 goto 600", "Invalid rule - goto target 600 specified without preference")]
    [InlineData("fwmark 7 goto 600 priority 600", "Invalid rule - preference 600 >= goto target 600")]
    [InlineData("fwmark 7x table 100 priority 5", "Invalid rule fwmark 7x specified")]
    [InlineData("from 192.0.2.0/24 table 100 priority -1", "Invalid rule preference priority specified")]
    [InlineData("from 192.0.2.0/24 table 100 priority", "rule option 'priority' needs a value")]
    public void Parse_BadRule_IsKeepalivedsComplaintAndTheRuleIsDropped(string line, string message)
    {
        var r = Parse(line, "to 198.51.100.0/24 table 101 priority 9");

        TestData.Render(r).Should().ContainSingle().Which.Should().EndWith(message);
        r.KeepalivedComplains.Should().BeTrue();
        r.HasErrors.Should().BeFalse("keepalived runs the rest of the file");
        Rules(r).Should().ContainSingle().Which.Priority.Should().Be(9u);
    }

    [Theory]
    [InlineData("realms")]
    [InlineData("uidrange")]
    [InlineData("sport")]
    public void Parse_OptionHavipdDoesNotRun_IsALocatedNoteAndTheRuleIsSkipped(string option)
    {
        var r = Parse($"from 192.0.2.0/24 {option} 1 table 100 priority 5");

        TestData.Render(r).Should().Equal($"test.conf:9:19: note KA0207: rule option '{option}' is not run by havipd: this rule is not installed");
        Rules(r).Should().BeEmpty();
    }
}
