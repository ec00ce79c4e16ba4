using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public void Parse_Ipv6Rules_AreIpv6ByInet6OrTheirFirstAddress_WithTheirOwnPreferenceCount()
    {
        // Pinned with keepalived 2.2.7's --config-test: each family counts from 16384 down, and
        // the word after inet/inet6 is skipped (its parser steps past the family word twice).
        var r = Parse(
            "from fd77:1::/64 table 100 priority 100",
            "not to 2001:db8::7 fwmark 0x10/0xff tos 0x10 lookup main",
            "inet6 inet6 fwmark 7 table 101",
            "from all to fd77::/64 table 102 priority 906",
            "from 192.0.2.0/24 table 103",
            "table 104 inet6",
            "to all prohibit priority 9");

        TestData.Render(r).Should().Equal(
            "test.conf:10:1: warning KA0322: Rule has no preference specified - setting to 16384. This is probably not what you want.",
            "test.conf:11:1: warning KA0322: Rule has no preference specified - setting to 16383. This is probably not what you want.",
            "test.conf:13:1: warning KA0322: Rule has no preference specified - setting to 16384. This is probably not what you want.",
            "test.conf:14:1: warning KA0322: Rule has no preference specified - setting to 16382. This is probably not what you want.");
        var rules = Rules(r);
        rules.Select(x => x.Family).Should().Equal(
            AddressFamily.InterNetworkV6, AddressFamily.InterNetworkV6, AddressFamily.InterNetworkV6, AddressFamily.InterNetworkV6,
            AddressFamily.InterNetwork, AddressFamily.InterNetworkV6, AddressFamily.InterNetwork);
        rules.Select(x => x.Priority).Should().Equal(100u, 16384u, 16383u, 906u, 16384u, 16382u, 9u);
        (rules[0].From, rules[0].FromPrefix, rules[0].Table).Should().Be((IPAddress.Parse("fd77:1::"), 64, 100u));
        (rules[1].Invert, rules[1].To, rules[1].ToPrefix, rules[1].FwMark, rules[1].Tos, rules[1].Table).Should().Be((true, IPAddress.Parse("2001:db8::7"), 128, (uint?)0x10, (byte)0x10, 254u));
        (rules[2].FwMark, rules[2].Table).Should().Be(((uint?)7, 101u));
        (rules[3].From, rules[3].FromPrefix, rules[3].To).Should().Be((IPAddress.IPv6Any, 0, IPAddress.Parse("fd77::")), "'all' takes the rule's family");
        (rules[6].To, rules[6].ToPrefix, rules[6].Action).Should().Be((IPAddress.Any, 0, RuleAction.Prohibit));
    }

    [Theory]
    [InlineData("from fd77::/64 to 192.0.2.0/24 table 100 priority 5", "rule specification has mixed IPv4 and IPv6")]
    [InlineData("from 192.0.2.0/24 inet6 table 100 priority 5", "inet6 specified for IPv4 rule")]
    [InlineData("from fd77::/64 inet table 100 priority 5", "inet specified for IPv6 rule")]
    [InlineData("inet6 from all table 100 priority 5", "Unknown rule option all")]
    [InlineData("inet6 from 192.0.2.0/24 table 100 priority 5", "Unknown rule option 192.0.2.0/24")]
    public void Parse_BadIpv6Rule_IsKeepalivedsComplaintAndTheRuleIsDropped(string line, string message)
    {
        var r = Parse(line, "to 2001:db8::/32 table 101 priority 9");

        TestData.Render(r).Should().ContainSingle().Which.Should().EndWith(message);
        r.KeepalivedComplains.Should().BeTrue();
        Rules(r).Should().ContainSingle().Which.Should().Match<VirtualRule>(x => x.Priority == 9 && x.Family == AddressFamily.InterNetworkV6);
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
