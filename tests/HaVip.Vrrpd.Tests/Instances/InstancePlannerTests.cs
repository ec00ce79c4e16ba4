using System.Net;
using System.Net.Sockets;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

public sealed class InstancePlannerTests
{
    private const string Text = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 150
            advert_int 1
            virtual_ipaddress {
                10.0.0.100/24 dev eth0 label eth0:vip
            }
        }
        vrrp_instance VI_2 {
            interface eth1
            virtual_router_id 52
            unicast_src_ip 10.1.0.5
            unicast_peer {
                10.1.0.6
            }
            virtual_ipaddress {
                10.1.0.100
            }
        }
        """;

    [Fact]
    public void Build_TwoInstances_PrimaryFromInterfaceOrUnicastSource()
    {
        var (plans, problems) = InstancePlanner.Build(Parse(Text), (dev, _, _) => dev == "eth0" ? IPAddress.Parse("10.0.0.1") : null);

        problems.Should().BeEmpty();
        plans.Select(p => (p.Name, p.Interface, p.Options.PrimaryAddress.ToString(), (int)p.Options.Priority))
            .Should().Equal(("VI_1", "eth0", "10.0.0.1", 150), ("VI_2", "eth1", "10.1.0.5", 100));
        plans[1].Options.UnicastPeers.Should().Equal(IPAddress.Parse("10.1.0.6"));
    }

    [Fact]
    public void Build_InterfaceWithoutAddress_ReportedAndSkipped()
    {
        var (plans, problems) = InstancePlanner.Build(Parse(Text), (_, _, _) => null);

        plans.Select(p => p.Name).Should().Equal("VI_2");
        problems.Should().ContainSingle().Which.Should().Contain("VI_1").And.Contain("eth0");
    }

    [Fact]
    public void Build_Ipv6Instance_PlannedWithItsOwnFamilysSource()
    {
        var text = Text.Replace("10.1.0.100", "fd00:1::100/64", StringComparison.Ordinal)
            .Replace("unicast_src_ip 10.1.0.5", "", StringComparison.Ordinal)
            .Replace("10.1.0.6", "fd00:1::6", StringComparison.Ordinal);
        var asked = new List<(string, AddressFamily)>();

        var (plans, problems) = InstancePlanner.Build(Parse(text), (dev, family, _) =>
        {
            asked.Add((dev, family));
            return IPAddress.Parse(family == AddressFamily.InterNetworkV6 ? "fe80::5" : "10.0.0.1");
        });

        problems.Should().BeEmpty();
        asked.Should().Equal(("eth0", AddressFamily.InterNetwork), ("eth1", AddressFamily.InterNetworkV6));
        plans.Select(p => (p.Name, p.Options.PrimaryAddress.ToString())).Should().Equal(("VI_1", "10.0.0.1"), ("VI_2", "fe80::5"));
        plans[1].Options.Version.Should().Be(VrrpVersion.V3);
        plans[1].Options.UnicastPeers.Should().Equal(IPAddress.Parse("fd00:1::6"));
    }

    [Fact]
    public void Build_Ipv6InterfaceWithoutLinkLocal_ReportedAndSkipped()
    {
        var text = Text.Replace("10.1.0.100", "fd00:1::100/64", StringComparison.Ordinal)
            .Replace("unicast_src_ip 10.1.0.5", "", StringComparison.Ordinal)
            .Replace("10.1.0.6", "fd00:1::6", StringComparison.Ordinal);

        var (plans, problems) = InstancePlanner.Build(Parse(text), (_, family, _) => family == AddressFamily.InterNetwork ? IPAddress.Parse("10.0.0.1") : null);

        plans.Select(p => p.Name).Should().Equal("VI_1");
        problems.Should().ContainSingle().Which.Should().Contain("VI_2").And.Contain("no IPv6 link-local address");
    }

    [Fact]
    public void Build_PrimaryResolver_IsToldTheVipsToSkip()
    {
        IReadOnlyCollection<IPAddress>? skipped = null;

        InstancePlanner.Build(Parse(Text), (dev, _, vips) =>
        {
            if (dev == "eth0")
                skipped = vips;
            return IPAddress.Parse("10.0.0.1");
        });

        skipped.Should().Equal(IPAddress.Parse("10.0.0.100"));
    }

    [Theory]
    [InlineData("priority 150", "priority 150", true)]
    [InlineData("priority 150", "priority 151", false)]
    [InlineData("advert_int 1", "advert_int 2", false)]
    [InlineData("advert_int 1", "advert_int 1\n no_accept", false)]
    [InlineData("10.0.0.100/24 dev eth0 label eth0:vip", "10.0.0.100/24 dev eth0 label eth0:v2", false)]
    public void Fingerprint_SameSettings_Equal_OtherwiseDifferent(string from, string to, bool same)
    {
        var a = Plan(Text);
        var b = Plan(Text.Replace(from, to, StringComparison.Ordinal));

        (a.Fingerprint == b.Fingerprint).Should().Be(same);
    }

    [Theory]
    [InlineData("", "", false)]
    [InlineData("", "no_accept", true)]
    [InlineData("vrrp_strict", "version 3", true)]
    [InlineData("vrrp_strict", "version 3\n accept", false)]
    [InlineData("", "no_accept\n priority 255", false)]
    public void Build_AcceptModeOffNotOwner_DropsVipTraffic(string global, string extra, bool drops)
    {
        var text = $"global_defs {{\n {global}\n}}\n" + Text.Replace("advert_int 1", "advert_int 1\n " + extra, StringComparison.Ordinal);

        var plan = Plan(text);

        plan.DropsVipTraffic.Should().Be(drops);
    }

    [Fact]
    public void Fingerprint_OnlyPositionsMoved_Equal()
    {
        Plan(Text).Fingerprint.Should().Be(Plan("\n\n! comment\n" + Text).Fingerprint);
    }

    internal static KeepalivedConfig Parse(string text)
    {
        var result = new KeepalivedConfigParser().ParseText(text, "keepalived.conf");
        result.HasErrors.Should().BeFalse(string.Join('\n', result.Diagnostics));
        return result.Config;
    }

    /// <summary>
    /// What instances have equal is held once: each plan lives as long as its instance, and at
    /// 1,000 instances a copy each of the interface name, gratuitous ARP timing, tracked objects
    /// and notify commands was about 200 KB of the live heap (docs/benchmarks.md). An instance
    /// whose values differ keeps its own.
    /// </summary>
    [Fact]
    public void Build_ManyInstancesAlike_ShareTheirEqualValues()
    {
        var text = string.Concat(Enumerable.Range(1, 3).Select(v => $$"""
            vrrp_instance VI_{{v}} {
                interface eth0
                virtual_router_id {{v}}
                priority 100
                virtual_ipaddress {
                    10.0.{{v}}.1/32
                }
            }

            """)) + """
            vrrp_instance VI_other {
                interface eth0
                virtual_router_id 9
                garp_master_delay 2
                track_interface {
                    eth1
                }
                notify_master /bin/true
                virtual_ipaddress {
                    10.0.9.1/32
                }
            }
            """;

        var plans = InstancePlanner.Build(Parse(text), (_, _, _) => IPAddress.Parse("10.0.0.2")).Plans;

        plans.Should().HaveCount(4);
        var (first, alike, other) = (plans[0], plans[1..3], plans[3]);
        alike.Should().AllSatisfy(p =>
        {
            p.Interface.Should().BeSameAs(first.Interface);
            p.Options.Garp.Should().BeSameAs(first.Options.Garp);
            p.Options.Tracked.Should().BeSameAs(first.Options.Tracked);
            p.Notify.Should().BeSameAs(first.Notify);
        });
        other.Interface.Should().BeSameAs(first.Interface);
        other.Options.Garp.Should().NotBeSameAs(first.Options.Garp);
        other.Options.Garp.MasterDelay.Should().Be(TimeSpan.FromSeconds(2));
        other.Options.Tracked.Should().NotBeSameAs(first.Options.Tracked);
        other.Options.Tracked.Should().HaveCount(2);
        other.Notify.Should().NotBeSameAs(first.Notify);
        other.Notify.Master.Should().Be("/bin/true");
        first.Notify.Master.Should().BeNull();
    }

    private static InstancePlan Plan(string text) =>
        InstancePlanner.Build(Parse(text), (_, _, _) => IPAddress.Parse("10.0.0.1")).Plans[0];
}
