using System.Globalization;
using System.Net;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// The nftables text of accept mode's drop rules, as keepalived 2.2.7 installs them over netlink
/// (vrrp_nftables.c): <c>table ip keepalived</c> (or the <c>nftables</c> name) with a <c>vips</c>
/// set, an output chain dropping what leaves from a VIP and an input chain dropping what comes to
/// one, both at priority -1 (<c>nftables_priority</c>), with counters if <c>nftables_counters</c>.
/// </summary>
internal sealed record AcceptModeRules(string Table, int Priority, bool Counters)
{
    public static AcceptModeRules From(GlobalDefs g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.NftablesTable ?? "keepalived", g.NftablesPriority, g.NftablesCounters);
    }

    /// <summary>The table made anew: a leftover of a daemon that was killed goes in the same transaction, as keepalived deletes it first.</summary>
    public string Create()
    {
        var priority = Priority.ToString(CultureInfo.InvariantCulture);
        var counter = Counters ? "counter " : "";
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
            add rule ip {{Table}} in ip daddr @vips {{counter}}drop
            add rule ip {{Table}} out ip saddr @vips {{counter}}drop

            """;
    }

    public string AddElements(IEnumerable<IPAddress> addresses) => Elements("add", addresses);

    public string DeleteElements(IEnumerable<IPAddress> addresses) => Elements("delete", addresses);

    public string Delete() => $"delete table ip {Table}\n";

    private string Elements(string verb, IEnumerable<IPAddress> addresses) =>
        $"{verb} element ip {Table} vips {{ {string.Join(", ", addresses)} }}\n";
}
