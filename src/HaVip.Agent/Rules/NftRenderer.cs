using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// Renders the host's anti-spoofing rules as one complete nftables file (OVN's virtual-port
/// semantics): a port may send only with its own MAC, and ARP or IPv4 only from its NIC IPs plus
/// the HAVIPs its instance is bound to, IPv6 likewise (<see cref="Ipv6Rules"/>); while the platform's decision stands, the other bound
/// instances' claims of the VIP are dropped (<see cref="ArbitrationRules"/>), and so are a silent bound instance's while another advertises (<see cref="SilenceRules"/>).
/// Each file is one transaction, so applying it is atomic and applying it twice leaves the same ruleset:
/// <see cref="Render"/> deletes and re-creates the table, <see cref="RenderUpdate"/> rewrites it in place.
/// </summary>
internal static class NftRenderer
{
    public const string Table = "havip";

    public static readonly string[] DropReasons = ["mac", "arp_mac", "arp_ip", "ip", "ethertype", ArbitrationRules.Reason, SilenceRules.Reason, .. Ipv6Rules.DropReasons];

    /// <summary>The sets the agent alone fills (with each apply and refresh): re-created by every apply.</summary>
    private static readonly string[] StaticSets = [ArbitrationRules.DecisionSet, SilenceRules.GateSet];

    /// <summary>The complete table, written afresh: the delete empties the data path's sets too (an agent's first apply, a repair).</summary>
    public static string Render(DesiredStateDto state) =>
        // "add" first makes the delete valid on a host that never had the table.
        Header(state) + $"add table bridge {Table}\ndelete table bridge {Table}\n" + Body(state);

    /// <summary>
    /// <paramref name="next"/>'s table written over <paramref name="applied"/>'s in one transaction
    /// (docs/split-brain.md, "An apply keeps the data path's sets"): every chain, counter and set the
    /// agent fills itself is flushed and deleted, then the table is declared again, which re-creates
    /// them and leaves the sets the data path fills (<see cref="DynamicSets"/>) as they are, with
    /// whatever the kernel adds to them while the agent applies.
    /// </summary>
    public static string RenderUpdate(DesiredStateDto applied, DesiredStateDto next)
    {
        var text = new StringBuilder(Header(next));
        var chains = Chains(applied);
        foreach (var chain in chains)
        {
            text.Append($"flush chain bridge {Table} {chain}\n");
        }
        foreach (var chain in chains)
        {
            text.Append($"delete chain bridge {Table} {chain}\n");
        }
        foreach (var counter in applied.Ports.Select(p => p.PortName).Distinct(StringComparer.Ordinal).SelectMany(p => DropReasons.Select(r => CounterName(r, p))))
        {
            text.Append($"delete counter bridge {Table} {counter}\n");
        }
        foreach (var set in StaticSets)
        {
            text.Append($"delete set bridge {Table} {set}\n");
        }
        return text.Append(Body(next)).ToString();
    }

    // No change number in the text: an unchanged state must render the same bytes, so it is not re-applied.
    private static string Header(DesiredStateDto state) => $"# havip agent ruleset for host {state.Host}\n";

    private static string[] Chains(DesiredStateDto state) =>
        ["prerouting", .. state.Ports.Select(p => ChainName(p.PortName)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Body(DesiredStateDto state)
    {
        var ports = state.Ports.OrderBy(p => p.PortName, StringComparer.Ordinal).ToArray();
        var decided = ArbitrationRules.Elements(state);
        var silenced = SilenceRules.Elements(state);
        var text = new StringBuilder();
        text.Append($"table bridge {Table} {{\n");
        foreach (var port in ports)
        {
            foreach (var reason in DropReasons)
            {
                text.Append($"\tcounter {CounterName(reason, port.PortName)} {{\n\t}}\n");
            }
        }
        // The data path's sets first, then the agent's own: an apply in place (RenderUpdate) keeps the
        // first and re-creates the second, which the kernel then lists last; a table written afresh
        // lists them in the same order, so the two read the same (an agent restart changes nothing).
        ArbitrationRules.RenderDataPathSets(text);
        SilenceRules.RenderDataPathSets(text);
        ArbitrationRules.RenderAgentSets(text);
        SilenceRules.RenderAgentSets(text);
        text.Append("\tchain prerouting {\n\t\ttype filter hook prerouting priority -200; policy accept;\n");
        foreach (var port in ports)
        {
            text.Append($"\t\tiifname \"{port.PortName}\" jump {ChainName(port.PortName)}\n");
        }
        ArbitrationRules.RenderArming(state, text);
        SilenceRules.RenderTracking(state, text);
        text.Append("\t}\n");
        foreach (var port in ports)
        {
            RenderPort(port, decided, silenced, text);
        }
        text.Append("}\n");
        return text.ToString();
    }

    public static string CounterName(string reason, string portName) => $"drop_{reason}_{portName.Replace('.', '_').Replace('-', '_')}";

    private static string ChainName(string portName) => "port_" + portName.Replace('.', '_').Replace('-', '_');

    private static void RenderPort(PortStateDto port, IReadOnlyList<DecisionElement> decided, IReadOnlyList<DecisionElement> silenced, StringBuilder text)
    {
        var mac = port.MacAddress.ToLowerInvariant();
        var allowed = "{ " + string.Join(", ", port.AllowedIps.Distinct(StringComparer.Ordinal)) + " }";
        text.Append($"\tchain {ChainName(port.PortName)} {{\n");
        text.Append($"\t\t# instance {port.InstanceId} {port.Device}\n");
        ArbitrationRules.RenderDrop(port, decided, text);
        SilenceRules.RenderDrop(port, silenced, text);
        text.Append($"\t\tether saddr != {mac} counter name \"{CounterName("mac", port.PortName)}\" drop\n");
        text.Append($"\t\tarp saddr ether != {mac} counter name \"{CounterName("arp_mac", port.PortName)}\" drop\n");
        text.Append($"\t\tarp saddr ip != {allowed} counter name \"{CounterName("arp_ip", port.PortName)}\" drop\n");
        text.Append($"\t\tip saddr != {allowed} counter name \"{CounterName("ip", port.PortName)}\" drop\n");
        Ipv6Rules.RenderPort(port, text);
        text.Append($"\t\tether type != {{ ip, arp, ip6 }} counter name \"{CounterName("ethertype", port.PortName)}\" drop\n");
        text.Append("\t}\n");
    }
}
