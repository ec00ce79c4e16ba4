using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrp.Tests.Config;
using HaVip.Vrrp.Tracking;

namespace HaVip.Vrrp.Tests.Tracking;

/// <summary>vrrp_track_process as keepalived.conf(5) of 2.2.7 describes it: parsing, matching, quorum and delays.</summary>
public sealed class TrackProcessTests
{
    private const string Instance = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                10.0.0.100/24
            }
            track_process {
                chk_haproxy
                chk_two weight -30 reverse
            }
        }

        """;

    private static TrackProcessConfig Parse(string block) =>
        TestData.ParseText($"vrrp_track_process p {{\n{block}\n}}\n").Config.TrackProcesses["p"];

    [Fact]
    public void Parse_BlocksAndInstanceReferences_AsKeepalivedReadsThem()
    {
        var r = TestData.ParseText("""
            vrrp_track_process chk_haproxy {
                process "haproxy"
                quorum 2
                quorum_max 4
                delay 0.5
                terminate_delay 2
            }
            track_process chk_two {
                process /usr/sbin/nginx -g "daemon off;"
                param_match partial
                weight 10
                full_command
            }

            """ + Instance);

        TestData.Render(r).Should().BeEmpty();
        var h = r.Config.TrackProcesses["chk_haproxy"];
        (h.Process, h.Quorum, h.QuorumMax, h.ForkDelay, h.TerminateDelay, h.Weight, h.ComparesCommandLine)
            .Should().Be(("haproxy", 2, 4, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2), 1, false));
        var n = r.Config.TrackProcesses["chk_two"];
        (n.Process, n.ParamMatch, n.Weight, n.FullCommand).Should().Be(("/usr/sbin/nginx", ParamMatch.Partial, 10, true));
        n.Parameters.Should().Equal("-g", "daemon off;");
        var tracked = RouterOptionsFactory.Create(r.Config, r.Config.Instances[0], System.Net.IPAddress.Parse("10.0.0.1")).Tracked;
        tracked.Should().Contain(new TrackedObject(TrackKind.Process, "chk_haproxy", 1));
        tracked.Should().Contain(new TrackedObject(TrackKind.Process, "chk_two", -30, true));
    }

    [Fact]
    public void Parse_UnknownProcessAndMissingCommand_AreErrorsWithTheirPlace()
    {
        var r = TestData.ParseText("vrrp_track_process p {\n quorum 1\n}\n" + Instance);

        TestData.Render(r).Should().Contain(d => d.Contains("test.conf:1:1: error") && d.Contains("has no 'process'"));
        TestData.Render(r).Should().Contain(d => d.Contains("error") && d.Contains("track_process 'chk_haproxy' names no vrrp_track_process block"));
    }

    [Theory]
    [InlineData("process haproxy", "haproxy", new[] { "/usr/sbin/haproxy", "-f", "x" }, true)]
    [InlineData("process haproxy", "haproxy-wrapper", new[] { "haproxy" }, false)]
    [InlineData("process ssh", "sshd", new[] { "sshd" }, false)]
    [InlineData("process averyveryverylongname", "averyveryverylo", new string[0], true)]
    [InlineData("process /bin/app a b", "app", new[] { "/bin/app", "a", "b" }, true)]
    [InlineData("process /bin/app a b", "app", new[] { "/bin/app", "a", "b", "c" }, false)]
    [InlineData("process /bin/app a b\nparam_match partial", "app", new[] { "/bin/app", "a", "b", "c" }, true)]
    [InlineData("process /bin/app a b\nparam_match initial", "app", new[] { "/bin/app", "a", "bcd" }, true)]
    [InlineData("process /bin/app a b\nparam_match initial", "app", new[] { "/bin/app", "a", "b", "c" }, false)]
    [InlineData("process /bin/app\nparam_match", "app", new[] { "/bin/app", "x" }, false)]
    [InlineData("process /bin/app\nfull_command", "app", new[] { "/bin/app" }, true)]
    public void Matches_NameExactly_OrTheCommandLine(string block, string comm, string[] argv, bool expected) =>
        ProcessMatch.Matches(Parse(block), comm, argv).Should().Be(expected);

    [Fact]
    public void Quorum_CountWithinQuorumAndMax_IsUp_AfterTheDelays()
    {
        var q = new ProcessQuorum(Parse("process x\nquorum 2\nquorum_max 3\nfork_delay 1\nterminate_delay 2"));
        var t0 = DateTimeOffset.UnixEpoch;

        q.Record(2, t0).Should().Be(true, "the first count is taken as it is");
        q.Record(1, t0.AddSeconds(1)).Should().BeNull("lost for 0 s of terminate_delay 2 s");
        q.Record(1, t0.AddSeconds(2.9)).Should().BeNull();
        q.Record(1, t0.AddSeconds(3)).Should().Be(false);
        q.Record(4, t0.AddSeconds(4)).Should().BeNull("above quorum_max is down too");
        q.Record(3, t0.AddSeconds(5)).Should().BeNull("regained: fork_delay 1 s starts");
        q.Record(2, t0.AddSeconds(6)).Should().Be(true);
    }

    [Fact]
    public void Quorum_BounceShorterThanTheDelay_ChangesNothing()
    {
        var q = new ProcessQuorum(Parse("process x\ndelay 1"));
        var t0 = DateTimeOffset.UnixEpoch;
        q.Record(1, t0);

        q.Record(0, t0.AddSeconds(0.2)).Should().BeNull();
        q.Record(1, t0.AddSeconds(0.4)).Should().BeNull();
        q.Record(0, t0.AddSeconds(1)).Should().BeNull("the pending loss restarted at 1 s");

        q.IsUp.Should().BeTrue();
    }

    [Fact]
    public void Quorum_MaxZero_UpOnlyWhileNoneRuns()
    {
        var q = new ProcessQuorum(Parse("process x\nquorum_max 0"));
        var t0 = DateTimeOffset.UnixEpoch;

        q.Record(0, t0).Should().BeTrue("keepalived.conf(5): quorum_max 0 fails only while a matching process runs");
        q.Record(1, t0.AddSeconds(1)).Should().BeFalse();
    }
}
