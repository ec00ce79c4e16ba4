using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The nftables text of accept mode's drop rules, as keepalived 2.2.7 installs them over netlink
/// (vrrp_nftables.c): per address family a table named <c>keepalived</c> (or the <c>nftables</c>
/// name) with a <c>vips</c> set, an output chain dropping what leaves from a VIP and an input chain
/// dropping what comes to one, both at priority -1 (<c>nftables_priority</c>), with counters if
/// <c>nftables_counters</c>. The IPv6 table (<c>table ip6</c>) first lets Neighbor Solicitations
/// and Advertisements through (the <c>neighbor-discovery</c> set: a master must still answer for
/// its VIPs), and sends link-local addresses to chains of their own, where a link-local VIP is
/// dropped only on its interface (the <c>vips_link_local</c> set, address . interface index, or
/// <c>vips_link_local_name</c>, address . interface name). Read back from keepalived 2.2.7 in a
/// namespace with <c>nft list table ip6 keepalived</c>, which shows the same text for both.
/// </summary>
internal sealed record AcceptModeRules(string Table, int Priority, bool Counters)
{
    /// <summary>The set of link-local IPv6 VIPs keyed with their interface's index, made with the first of them.</summary>
    public const string LinkLocalSet = "vips_link_local";

    /// <summary>The same keyed with the interface's name (keepalived: <c>dont_track_primary</c> without <c>nftables_ifindex</c>).</summary>
    public const string LinkLocalNameSet = "vips_link_local_name";

    public static AcceptModeRules From(GlobalDefs g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.NftablesTable ?? "keepalived", g.NftablesPriority, g.NftablesCounters);
    }

    /// <summary>nftables' name of an address family's tables.</summary>
    public static string Family(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "ip6" : "ip";

    private string Counter => Counters ? "counter " : "";

    /// <summary>The IPv4 table made anew: a leftover of a daemon that was killed goes in the same transaction, as keepalived deletes it first.</summary>
    public string Create() => Create(AddressFamily.InterNetwork);

    /// <summary>The table of <paramref name="family"/> made anew (see <see cref="Create()"/>).</summary>
    public string Create(AddressFamily family)
    {
        var priority = Priority.ToString(CultureInfo.InvariantCulture);
        if (family != AddressFamily.InterNetworkV6)
        {
            return $$"""
                add table ip {{Table}}
                delete table ip {{Table}}
                table ip {{Table}} {
                    chain out {
                        type filter hook output priority {{priority}}; policy accept;
                    }
                    chain in {
                        type filter hook input priority {{priority}}; policy accept;
                    }
                    set vips {
                        type ipv4_addr
                    }
                }
                add rule ip {{Table}} in ip daddr @vips {{Counter}}drop
                add rule ip {{Table}} out ip saddr @vips {{Counter}}drop

                """;
        }

        return $$"""
            add table ip6 {{Table}}
            delete table ip6 {{Table}}
            table ip6 {{Table}} {
                chain out {
                    type filter hook output priority {{priority}}; policy accept;
                }
                chain in {
                    type filter hook input priority {{priority}}; policy accept;
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
            add rule ip6 {{Table}} in icmpv6 type @neighbor-discovery {{Counter}}accept
            add rule ip6 {{Table}} in ip6 daddr fe80::/10 {{Counter}}goto in_link_local
            add rule ip6 {{Table}} out icmpv6 type @neighbor-discovery {{Counter}}accept
            add rule ip6 {{Table}} out ip6 saddr fe80::/10 {{Counter}}goto out_link_local
            add rule ip6 {{Table}} in ip6 daddr @vips {{Counter}}drop
            add rule ip6 {{Table}} out ip6 saddr @vips {{Counter}}drop

            """;
    }

    /// <summary>A set of link-local VIPs (<see cref="LinkLocalSet"/> or <see cref="LinkLocalNameSet"/>) and its two rules, added to the IPv6 table with the first such VIP.</summary>
    public string CreateLinkLocal(string set)
    {
        var (type, key) = set == LinkLocalNameSet ? ("ifname", "ifname") : ("iface_index", "if");
        return $$"""
            add set ip6 {{Table}} {{set}} { type ipv6_addr . {{type}}; }
            add rule ip6 {{Table}} in_link_local ip6 daddr . i{{key}} @{{set}} {{Counter}}drop
            add rule ip6 {{Table}} out_link_local ip6 saddr . o{{key}} @{{set}} {{Counter}}drop

            """;
    }

    public string AddElements(IEnumerable<IPAddress> addresses) => Elements("add", "ip", "vips", addresses.Select(a => a.ToString()));

    public string DeleteElements(IEnumerable<IPAddress> addresses) => Elements("delete", "ip", "vips", addresses.Select(a => a.ToString()));

    /// <summary><c>add element</c> or <c>delete element</c> (<paramref name="verb"/>) of one set.</summary>
    public string Elements(string verb, string family, string set, IEnumerable<string> elements) =>
        $"{verb} element {family} {Table} {set} {{ {string.Join(", ", elements)} }}\n";

    public string Delete() => Delete(AddressFamily.InterNetwork);

    public string Delete(AddressFamily family) => $"delete table {Family(family)} {Table}\n";
}
