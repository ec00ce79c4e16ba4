using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// The sets the data path alone fills (docs/split-brain.md): <c>armed</c>, <c>heard</c> and
/// <c>speaking</c>. An apply never re-creates them (<see cref="NftRenderer.RenderUpdate"/>), so an
/// element the kernel adds while the agent applies is never lost; in the apply's own transaction it
/// deletes only the elements the new state no longer stands behind:
/// <list type="bullet">
/// <item><c>armed</c> { VIP }: its decision's arming changed or went (chosen instance, advert source,
/// VRID, interval); one armed by another chosen instance's adverts is no evidence that the new one
/// advertises, and the kernel refreshes an element by its own timeout, so one timed by another
/// interval would keep that lapse.</item>
/// <item><c>heard</c> { VIP . port }: the pair is no longer covered, or the HAVIP's VRID or advert
/// sources (with their intervals) changed: heard from former sources says nothing of the new ones.</item>
/// <item><c>speaking</c> { VIP . port }: the pair is no longer covered, or the port's own interval
/// changed; whatever else changed it stays (it can only let the port's claims pass).</item>
/// </list>
/// </summary>
internal static class DynamicSets
{
    /// <summary>
    /// Statements that delete each element <paramref name="applied"/>'s rules may have written and
    /// <paramref name="next"/>'s would not write the same way, to end the apply's transaction.
    /// </summary>
    public static string RenderStale(DesiredStateDto applied, DesiredStateDto next)
    {
        var text = new StringBuilder();
        Remove(text, ArbitrationRules.ArmedSet, Changed(Arming(applied), Arming(next)));
        Remove(text, SilenceRules.HeardSet, Changed(Heard(applied), Heard(next)));
        Remove(text, SilenceRules.SpeakingSet, Changed(Speaking(applied), Speaking(next)));
        return text.ToString();
    }

    /// <summary>Keys present on one side only, or standing for something else on each.</summary>
    private static IEnumerable<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(k => !(before.TryGetValue(k, out var was) && after.TryGetValue(k, out var now) && was == now))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// The <c>add</c> is a no-op on an element the kernel holds (nft 1.0.6 does not even refresh it) and
    /// makes the <c>delete</c> valid on one it does not, so each element is gone whichever it was.
    /// </summary>
    private static void Remove(StringBuilder text, string set, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            text.Append($"add element bridge {NftRenderer.Table} {set} {{ {key} }}\n");
            text.Append($"delete element bridge {NftRenderer.Table} {set} {{ {key} }}\n");
        }
    }

    private static Dictionary<string, string> Arming(DesiredStateDto state) =>
        state.HaVips.Where(v => v.Decision is not null).GroupBy(v => v.IpAddress, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => string.Join(';', g.Select(v => $"{v.Decision!.InstanceId}/{v.Decision.AdvertSource}/{v.Decision.VirtualRouterId}/{v.Decision.AdvertIntervalMilliseconds}").Order(StringComparer.Ordinal)),
            StringComparer.Ordinal);

    /// <summary>Per covered (VIP . port), what its <c>heard</c> element stands for: the VRID, the interval and every advert source with its own.</summary>
    private static Dictionary<string, string> Heard(DesiredStateDto state)
    {
        var sources = state.HaVips.Where(v => v.Vrrp is not null).GroupBy(v => v.IpAddress, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => string.Join(';', g.Select(v => $"{v.Vrrp!.VirtualRouterId}/{v.Vrrp.AdvertIntervalMilliseconds}/" +
                string.Join(',', v.Vrrp.Sources.Select(s => $"{s.InstanceId}={s.Address}/{s.AdvertIntervalMilliseconds}").Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)),
            StringComparer.Ordinal);
        return Covered(state, (vip, _) => sources[vip.IpAddress]);
    }

    /// <summary>Per covered (VIP . port), the timeout its own adverts refresh its <c>speaking</c> element with.</summary>
    private static Dictionary<string, string> Speaking(DesiredStateDto state) =>
        Covered(state, (vip, port) => SilenceRules.TimeoutMilliseconds(vip.Vrrp!, vip.Vrrp!.Sources.First(s => s.InstanceId == port.InstanceId))
            .ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, string> Covered(DesiredStateDto state, Func<HaVipStateDto, PortStateDto, string> meaning)
    {
        var covered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (vip, port) in SilenceRules.Subjects(state))
        {
            covered.TryAdd($"{vip.IpAddress} . \"{port.PortName}\"", meaning(vip, port));
        }
        return covered;
    }
}
