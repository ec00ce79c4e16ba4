using System.Globalization;
using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>A claim the data path drops while the decision is current: ARP for <paramref name="Vip"/> from <paramref name="PortName"/>.</summary>
internal sealed record DecisionElement(string Vip, string PortName);

/// <summary>
/// The data path of a platform decision (docs/split-brain.md): the <c>decision</c> set of
/// (VIP . port) claims to drop, whose elements lapse <see cref="DecisionTimeout"/> after the
/// agent's last refresh; the <c>armed</c> set of VIPs whose chosen instance the data path itself
/// saw advertising within 2.5 advert intervals; and the drop rule that needs both. Neither set
/// alone drops anything, so an agent or chosen instance that goes quiet fails open.
/// </summary>
internal static class ArbitrationRules
{
    public const string DecisionSet = "decision";
    public const string ArmedSet = "armed";
    public const string Reason = "arbitration";

    /// <summary>Three refreshes (one a second) may be missed before a decision (or a silence gate) lapses.</summary>
    public static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The claims to drop: every other bound instance's local port, for each HAVIP with a decision.</summary>
    public static IReadOnlyList<DecisionElement> Elements(DesiredStateDto state) =>
        [.. state.HaVips.Where(v => v.Decision is not null)
            .SelectMany(v => state.Ports
                .Where(p => p.SubnetId == v.SubnetId && p.InstanceId != v.Decision!.InstanceId && v.InstanceIds.Contains(p.InstanceId))
                .Select(p => new DecisionElement(v.IpAddress, p.PortName)))
            .Distinct()
            .OrderBy(e => e.PortName, StringComparer.Ordinal).ThenBy(e => e.Vip, StringComparer.Ordinal)];

    /// <summary>
    /// 2.5 of the chosen instance's intervals, as the platform observed it advertise (docs/split-brain.md,
    /// "Advert intervals"). Below the Master_Down_Interval (3 intervals + skew): a chosen master that
    /// died is disarmed before its backup takes over, with one lost advert tolerated (2 intervals).
    /// </summary>
    public static int ArmedTimeoutMilliseconds(HaVipDecisionDto decision) => decision.AdvertIntervalMilliseconds * 5 / 2;

    /// <summary>The set the data path fills (<see cref="DynamicSets"/>): declared before the agent's own, see <see cref="NftRenderer"/>.</summary>
    public static void RenderDataPathSets(StringBuilder text) =>
        text.Append($"\tset {ArmedSet} {{\n\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t}}\n");

    /// <summary>The set the agent fills, re-created by every apply.</summary>
    public static void RenderAgentSets(StringBuilder text) =>
        text.Append($"\tset {DecisionSet} {{\n\t\ttype ipv4_addr . ifname\n\t\tflags timeout\n\t}}\n");

    /// <summary>
    /// Arms a VIP on each advert of its chosen instance (by advert source and VRID, so it works
    /// for adverts arriving over VXLAN), and disarms it at once on a priority-0 advert (a clean stop).
    /// Rendered after the port jumps: a spoofed advert has been dropped by then.
    /// </summary>
    public static void RenderArming(DesiredStateDto state, StringBuilder text)
    {
        foreach (var vip in state.HaVips.Where(v => v.Decision is not null).OrderBy(v => v.IpAddress, StringComparer.Ordinal))
        {
            var d = vip.Decision!;
            var match = $"ip saddr {d.AdvertSource} ip protocol 112 @th,8,8 {d.VirtualRouterId}";
            text.Append(CultureInfo.InvariantCulture, $"\t\t{match} @th,16,8 != 0 update @{ArmedSet} {{ {vip.IpAddress} timeout {ArmedTimeoutMilliseconds(d)}ms }}\n");
            text.Append(CultureInfo.InvariantCulture, $"\t\t{match} @th,16,8 0 delete @{ArmedSet} {{ {vip.IpAddress} }}\n");
        }
    }

    /// <summary>Every ARP for a decided VIP from this port (requests too: any of them repoints clients), while decided and armed.</summary>
    public static void RenderDrop(PortStateDto port, IReadOnlyList<DecisionElement> elements, StringBuilder text)
    {
        if (elements.Any(e => e.PortName == port.PortName))
        {
            text.Append($"\t\tarp saddr ip . iifname @{DecisionSet} arp saddr ip @{ArmedSet} counter name \"{NftRenderer.CounterName(Reason, port.PortName)}\" drop\n");
        }
    }

    /// <summary>The refresh of everything the agent keeps alive in <paramref name="state"/>'s data path: its decisions and its silence gates.</summary>
    public static string RenderRefresh(DesiredStateDto state) =>
        RenderRefresh(Elements(state)) + RenderRefresh(SilenceRules.Elements(state), SilenceRules.GateSet);

    /// <summary>
    /// One transaction that (re)starts each element's timeout: nft 1.0.6 does not refresh an
    /// existing element on <c>add</c>, so each is added (a no-op if present), deleted and added again.
    /// The same for the silence rule's gate (<paramref name="set"/> <see cref="SilenceRules.GateSet"/>).
    /// </summary>
    public static string RenderRefresh(IReadOnlyList<DecisionElement> elements, string set = DecisionSet)
    {
        var text = new StringBuilder();
        var timeout = (int)DecisionTimeout.TotalSeconds;
        foreach (var e in elements)
        {
            var key = $"{e.Vip} . \"{e.PortName}\"";
            text.Append(CultureInfo.InvariantCulture, $"add element bridge {NftRenderer.Table} {set} {{ {key} timeout {timeout}s }}\n");
            text.Append($"delete element bridge {NftRenderer.Table} {set} {{ {key} }}\n");
            text.Append(CultureInfo.InvariantCulture, $"add element bridge {NftRenderer.Table} {set} {{ {key} timeout {timeout}s }}\n");
        }
        return text.ToString();
    }
}
