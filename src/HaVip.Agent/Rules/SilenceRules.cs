using System.Globalization;
using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// VRRP's own rule in the data path, with no round trip to the server (docs/split-brain.md, "The
/// silence rule"): an instance that stopped advertising loses to one that advertises. A bound port's
/// ARP for the VIP is dropped while three hold: the agent's <c>silence</c> element for (VIP . port),
/// refreshed like a decision (so an agent or server down lets it lapse: fail open); a <c>heard</c>
/// element, which another bound instance's adverts (by source address and VRID, arriving from
/// anywhere) refresh; and no <c>speaking</c> element, which the port's own adverts refresh. Both data
/// path elements live 2.5 of their sender's advert intervals, as the platform observed it
/// (<see cref="ArbitrationRules.ArmedTimeoutMilliseconds"/>'s reasoning): a SIGKILLed master's
/// <c>speaking</c> has lapsed before any backup takes over (its Master_Down_Interval is at least 3
/// intervals), and the backup's first advert fills <c>heard</c>;
/// when every other instance goes quiet, <c>heard</c> lapses before the silent one would take over
/// again, so a lone silent instance is never cut off.
/// </summary>
internal static class SilenceRules
{
    public const string GateSet = "silence";
    public const string HeardSet = "heard";
    public const string SpeakingSet = "speaking";
    public const string Reason = "silent";

    /// <summary>Every local port of a HAVIP with at least two advert sources, for which the rule may drop.</summary>
    public static IReadOnlyList<DecisionElement> Elements(DesiredStateDto state) =>
        [.. Subjects(state).Select(s => new DecisionElement(s.Vip.IpAddress, s.Port.PortName))
            .Distinct()
            .OrderBy(e => e.PortName, StringComparer.Ordinal).ThenBy(e => e.Vip, StringComparer.Ordinal)];

    /// <summary>
    /// 2.5 of the source's advert intervals (the one the platform observed it advertise, else the
    /// HAVIP's): below the Master_Down_Interval (3 intervals + skew), above one lost advert (2 intervals).
    /// A VRRPv3 backup times its takeover by the master's advertised interval (RFC 5798 §6.4.2), so each
    /// source's adverts are timed by its own.
    /// </summary>
    public static int TimeoutMilliseconds(HaVipVrrpDto vrrp, HaVipAdvertSourceDto source) =>
        (source.AdvertIntervalMilliseconds ?? vrrp.AdvertIntervalMilliseconds) * 5 / 2;

    /// <summary>The sets the data path fills (<see cref="DynamicSets"/>): declared before the agent's own, see <see cref="NftRenderer"/>.</summary>
    public static void RenderDataPathSets(StringBuilder text)
    {
        text.Append($"\tset {HeardSet} {{\n\t\ttype ipv4_addr . ifname\n\t\tflags dynamic,timeout\n\t}}\n");
        text.Append($"\tset {SpeakingSet} {{\n\t\ttype ipv4_addr . ifname\n\t\tflags dynamic,timeout\n\t}}\n");
    }

    /// <summary>The set the agent fills, re-created by every apply.</summary>
    public static void RenderAgentSets(StringBuilder text) =>
        text.Append($"\tset {GateSet} {{\n\t\ttype ipv4_addr . ifname\n\t\tflags timeout\n\t}}\n");

    /// <summary>
    /// For each subject (VIP, local port): the other sources' adverts refresh <c>heard</c>, the port's
    /// own refresh <c>speaking</c>, each for 2.5 of its sender's intervals (one rule per interval
    /// among the others); a priority-0 advert (a clean stop) deletes what that sender's adverts
    /// refreshed. Rendered after the port jumps: a spoofed advert has been dropped by then.
    /// </summary>
    public static void RenderTracking(DesiredStateDto state, StringBuilder text)
    {
        foreach (var (vip, port) in Subjects(state).OrderBy(s => s.Vip.IpAddress, StringComparer.Ordinal).ThenBy(s => s.Port.PortName, StringComparer.Ordinal))
        {
            var vrrp = vip.Vrrp!;
            var key = $"{vip.IpAddress} . \"{port.PortName}\"";
            var advert = $"ip protocol 112 @th,8,8 {vrrp.VirtualRouterId}";
            foreach (var group in vrrp.Sources.Where(s => s.InstanceId != port.InstanceId).GroupBy(s => TimeoutMilliseconds(vrrp, s)).OrderBy(g => g.Key))
            {
                var others = group.Select(s => s.Address).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var from = others.Length == 1 ? others[0] : "{ " + string.Join(", ", others) + " }";
                text.Append(CultureInfo.InvariantCulture, $"\t\tip saddr {from} {advert} @th,16,8 != 0 update @{HeardSet} {{ {key} timeout {group.Key}ms }}\n");
                text.Append($"\t\tip saddr {from} {advert} @th,16,8 0 delete @{HeardSet} {{ {key} }}\n");
            }
            var own = TimeoutMilliseconds(vrrp, vrrp.Sources.First(s => s.InstanceId == port.InstanceId));
            text.Append(CultureInfo.InvariantCulture, $"\t\tiifname \"{port.PortName}\" {advert} @th,16,8 != 0 update @{SpeakingSet} {{ {key} timeout {own}ms }}\n");
            text.Append($"\t\tiifname \"{port.PortName}\" {advert} @th,16,8 0 delete @{SpeakingSet} {{ {key} }}\n");
        }
    }

    /// <summary>Every ARP for the VIP from this port (requests too: any of them repoints clients), while gated, heard and not speaking.</summary>
    public static void RenderDrop(PortStateDto port, IReadOnlyList<DecisionElement> elements, StringBuilder text)
    {
        if (elements.Any(e => e.PortName == port.PortName))
        {
            const string key = "arp saddr ip . iifname";
            text.Append($"\t\t{key} @{GateSet} {key} @{HeardSet} {key} != @{SpeakingSet} counter name \"{NftRenderer.CounterName(Reason, port.PortName)}\" drop\n");
        }
    }

    /// <summary>
    /// (HAVIP, local bound port) pairs the rule covers: the port's instance is bound and one of the
    /// advert sources, and another source exists (the server sends none with fewer than two).
    /// </summary>
    public static IEnumerable<(HaVipStateDto Vip, PortStateDto Port)> Subjects(DesiredStateDto state) =>
        from vip in state.HaVips
        where vip.Vrrp is { Sources.Count: > 1 }
        from port in state.Ports
        where port.SubnetId == vip.SubnetId && vip.InstanceIds.Contains(port.InstanceId)
            && vip.Vrrp!.Sources.Any(s => s.InstanceId == port.InstanceId) && vip.Vrrp.Sources.Any(s => s.InstanceId != port.InstanceId)
        select (vip, port);
}
