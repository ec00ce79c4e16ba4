using System.Net;
using HaVip.Linux.Commands;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Os;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Os;

/// <summary>
/// Accept mode's nftables text and when it is sent, as keepalived 2.2.7 does it (vrrp_nftables.c):
/// the table at the first master, elements in and out with the masters, the table gone at stop.
/// </summary>
public sealed class AcceptModeFirewallTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.100");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.101");

    private readonly List<string> _sent = [];
    private int _exit;

    private AcceptModeFirewall Create(AcceptModeRules? rules = null) =>
        new(rules ?? new AcceptModeRules("keepalived", -1, false), text =>
        {
            _sent.Add(text);
            return new CommandResult("nft -f -", _exit, "", _exit == 0 ? "" : "Error: No such file or directory");
        }, NullLogger.Instance);

    [Fact]
    public void Create_Default_IsKeepalivedsTableChainsSetAndRules()
    {
        new AcceptModeRules("keepalived", -1, false).Create().Should().Be("""
            add table ip keepalived
            delete table ip keepalived
            table ip keepalived {
                chain out {
                    type filter hook output priority -1; policy accept;
                }
                chain in {
                    type filter hook input priority -1; policy accept;
                }
                set vips {
                    type ipv4_addr
                }
            }
            add rule ip keepalived in ip daddr @vips drop
            add rule ip keepalived out ip saddr @vips drop

            """);
    }

    [Fact]
    public void From_NftablesKeywords_NamePriorityCounters()
    {
        var parsed = new KeepalivedConfigParser().ParseText("global_defs {\n nftables havip_fw\n nftables_priority -5\n nftables_counters\n}\n", "k.conf");

        var rules = AcceptModeRules.From(parsed.Config.GlobalDefs);

        rules.Should().Be(new AcceptModeRules("havip_fw", -5, true));
        rules.Create().Should().Contain("add rule ip havip_fw in ip daddr @vips counter drop").And.Contain("hook input priority -5;");
    }

    [Fact]
    public void Block_FirstMaster_CreatesTableAndAddsItsAddressesInOneTransaction()
    {
        using var firewall = Create();

        firewall.Block([A, B]);

        _sent.Should().ContainSingle().Which.Should().Be(firewall.Rules.Create() + "add element ip keepalived vips { 10.0.0.100, 10.0.0.101 }\n");
    }

    /// <summary>
    /// keepalived 2.2.7's <c>table ip6</c> (vrrp_nftables.c, nft_setup_ipv6_vips), read back from a
    /// keepalived in a namespace by the network test Ipv6AcceptModeTests: Neighbor Solicitations and
    /// Advertisements pass (a master must answer for its VIPs), link-local addresses go to chains of
    /// their own, the rest of a VIP's traffic is dropped.
    /// </summary>
    [Fact]
    public void Create_Ipv6_IsKeepalivedsTableWithNeighborDiscoveryLetThrough()
    {
        new AcceptModeRules("keepalived", -1, true).Create(System.Net.Sockets.AddressFamily.InterNetworkV6).Should().Be("""
            add table ip6 keepalived
            delete table ip6 keepalived
            table ip6 keepalived {
                chain out {
                    type filter hook output priority -1; policy accept;
                }
                chain in {
                    type filter hook input priority -1; policy accept;
                }
                chain in_link_local {
                }
                chain out_link_local {
                }
                set vips {
                    type ipv6_addr
                }
                set neighbor-discovery {
                    type icmpv6_type
                    flags constant
                    elements = { nd-neighbor-solicit, nd-neighbor-advert }
                }
            }
            add rule ip6 keepalived in icmpv6 type @neighbor-discovery counter accept
            add rule ip6 keepalived in ip6 daddr fe80::/10 counter goto in_link_local
            add rule ip6 keepalived out icmpv6 type @neighbor-discovery counter accept
            add rule ip6 keepalived out ip6 saddr fe80::/10 counter goto out_link_local
            add rule ip6 keepalived in ip6 daddr @vips counter drop
            add rule ip6 keepalived out ip6 saddr @vips counter drop

            """);
    }

    [Fact]
    public void Block_Ipv6AndLinkLocalVips_Ip6TableAndTheLinkLocalSetKeyedByInterface_BesideTheIpv4Table()
    {
        using var firewall = Create();
        var linkLocal = new BlockedAddress(IPAddress.Parse("fe80::100"), 3);

        firewall.Block([A, IPAddress.Parse("fd00::1"), linkLocal]);

        var v6 = System.Net.Sockets.AddressFamily.InterNetworkV6;
        _sent.Should().ContainSingle().Which.Should().Be(
            firewall.Rules.Create() + firewall.Rules.Create(v6) + firewall.Rules.CreateLinkLocal(AcceptModeRules.LinkLocalSet)
            + "add element ip keepalived vips { 10.0.0.100 }\n"
            + "add element ip6 keepalived vips { fd00::1 }\n"
            + "add element ip6 keepalived vips_link_local { fe80::100 . 3 }\n");
        firewall.Rules.CreateLinkLocal(AcceptModeRules.LinkLocalSet).Should().Contain("add set ip6 keepalived vips_link_local { type ipv6_addr . iface_index; }");

        firewall.Unblock([linkLocal]);
        firewall.Dispose();

        _sent.Skip(1).Should().Equal(
            "delete element ip6 keepalived vips_link_local { fe80::100 . 3 }\n",
            "delete table ip keepalived\n",
            "delete table ip6 keepalived\n");
    }

    /// <summary>keepalived 2.2.7 with <c>dont_track_primary</c> keys a link-local VIP by interface name (seen with <c>nft list</c> in a namespace).</summary>
    [Fact]
    public void Block_LinkLocalVipByName_GoesInKeepalivedsNameKeyedSet()
    {
        using var firewall = Create();

        firewall.Block([new BlockedAddress(IPAddress.Parse("fe80::100"), 0, "eth0")]);

        _sent.Should().ContainSingle().Which.Should().EndWith("""
            add set ip6 keepalived vips_link_local_name { type ipv6_addr . ifname; }
            add rule ip6 keepalived in_link_local ip6 daddr . iifname @vips_link_local_name drop
            add rule ip6 keepalived out_link_local ip6 saddr . oifname @vips_link_local_name drop
            add element ip6 keepalived vips_link_local_name { fe80::100 . "eth0" }

            """);
    }

    [Fact]
    public void Block_AddressHeldTwice_LeavesTheSetWithTheLastHolder()
    {
        using var firewall = Create();
        firewall.Block([A]);
        firewall.Block([A, B]);

        firewall.Unblock([A]);
        firewall.Unblock([A, B]);

        _sent.Skip(1).Should().Equal(
            "add element ip keepalived vips { 10.0.0.101 }\n",
            "delete element ip keepalived vips { 10.0.0.100, 10.0.0.101 }\n");
    }

    [Fact]
    public void Unblock_NothingBlocked_SendsNothing()
    {
        using var firewall = Create();

        firewall.Unblock([A]);

        _sent.Should().BeEmpty();
    }

    [Fact]
    public void Dispose_AfterAMaster_DeletesTheTable_NeverCreated_Nothing()
    {
        var firewall = Create();
        firewall.Block([A]);
        firewall.Unblock([A]);

        firewall.Dispose();
        Create().Dispose();

        _sent[^1].Should().Be("delete table ip keepalived\n");
        _sent.Should().HaveCount(3);
    }

    [Fact]
    public void Block_NftFails_NotThrown_NextMasterCreatesTheTable()
    {
        using var firewall = Create();
        _exit = 1;
        firewall.Block([A]);
        firewall.Unblock([A]);

        _exit = 0;
        firewall.Block([B]);

        _sent.Should().HaveCount(2);
        _sent[^1].Should().StartWith("add table ip keepalived\n");
    }
}
