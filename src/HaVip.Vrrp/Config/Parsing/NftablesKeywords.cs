using System.Globalization;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// The global_defs keywords of accept mode's firewall, as keepalived 2.2.7 built with nftables
/// only (Debian's build) reads them: <c>nftables [NAME]</c>, <c>nftables_priority N</c>,
/// <c>nftables_counters</c>, <c>nftables_ifindex</c>, and <c>vrrp_iptables</c>, which that build
/// warns about and runs as <c>nftables</c>.
/// </summary>
internal static class NftablesKeywords
{
    // NFT_TABLE_MAXNAMELEN: the name and its NUL.
    private const int MaxNameLength = 255;

    public static IEnumerable<KeyValuePair<string, KeywordHandler<GlobalDefs>>> Handlers()
    {
        yield return new("nftables", Table);
        yield return new("nftables_priority", Priority);
        yield return new("nftables_counters", (s, g, c) => { c.Simple(s, 0); g.NftablesCounters = true; });
        yield return new("nftables_ifindex", (s, g, c) => { c.Simple(s, 0); g.NftablesIfindex = true; });
        yield return new("vrrp_iptables", Iptables);
    }

    private static void Table(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Simple(s, 1);
        if (g.NftablesTable is not null)
        {
            c.Warning(s.Position, DiagnosticCodes.InvalidNftables, "nftables already specified - ignoring");
            return;
        }

        var name = s.Args.Count > 0 ? s.Args[0].Text : "keepalived";
        if (name.Length > MaxNameLength)
        {
            c.Warning(s.Args[0].Position, DiagnosticCodes.InvalidNftables, "nftables table name too long - ignoring");
            return;
        }

        (g.NftablesTable, g.NftablesPriority) = (name, -1);
    }

    private static void Priority(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Arg(s, 0, "a chain priority") is not { } t)
            return;
        if (int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority))
            g.NftablesPriority = priority;
        else
            c.Warning(t.Position, DiagnosticCodes.InvalidNftables, $"invalid nftables chain priority '{t.Text}'");
    }

    private static void Iptables(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Warning(s.Position, DiagnosticCodes.InvalidNftables, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
        (g.NftablesTable, g.NftablesPriority) = ("keepalived", -1);
    }
}
