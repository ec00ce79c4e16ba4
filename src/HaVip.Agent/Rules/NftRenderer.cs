using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// Renders the host's anti-spoofing rules as one complete nftables file (OVN's virtual-port
/// semantics): a port may send only with its own MAC, and ARP or IPv4 only from its NIC IPs plus
/// the HAVIPs its instance is bound to, IPv6 likewise (<see cref="Ipv6Rules"/>); while the platform's decision stands, the other bound
/// instances' claims of the VIP are dropped (<see cref="ArbitrationRules"/>), and so are a silent bound instance's while another advertises (<see cref="SilenceRules"/>). The file deletes and re-creates the table in the same
/// transaction, so applying it is atomic and applying it twice leaves the same ruleset.
/// </summary>
internal static class NftRenderer
{
    public const string Table = "havip";

    public static readonly string[] DropReasons = ["mac", "arp_mac", "arp_ip", "ip", "ethertype", ArbitrationRules.Reason, SilenceRules.Reason, .. Ipv6Rules.DropReasons];

    public static string Render(DesiredStateDto state)
    {
        var ports = state.Ports.OrderBy(p => p.PortName, StringComparer.Ordinal).ToArray();
        var decided = ArbitrationRules.Elements(state);
        var silenced = SilenceRules.Elements(state);
        var text = new StringBuilder();
        // No change number in the text: an unchanged state must render the same bytes, so it is not re-applied.
        text.Append($"# havip agent ruleset for host {state.Host}\n");
        // "add" first makes the delete valid on a host that never had the table.
        text.Append($"add table bridge {Table}\ndelete table bridge {Table}\n");
        text.Append($"table bridge {Table} {{\n");
        foreach (var port in ports)
        {
            foreach (var reason in DropReasons)
            {
                text.Append($"\tcounter {CounterName(reason, port.PortName)} {{\n\t}}\n");
            }
        }
        ArbitrationRules.RenderSets(text);
        SilenceRules.RenderSets(text);
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
