using System.Text;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// The <c>armed</c> elements an apply carries across the table's re-creation (docs/split-brain.md):
/// the data path alone fills that set, so a re-created table would leave a split's loser undropped
/// until the chosen instance's next advert. An element is carried, with its remaining expiry, only
/// where the decision and its arming rule stay the same (VIP, chosen instance, advert source, VRID):
/// it then says what the new rule would have said; one armed by another chosen instance's adverts
/// is no evidence that the new one advertises.
/// </summary>
internal static partial class ArmedCarry
{
    /// <summary>
    /// The text listing (<c>nft list set</c>): nft 1.0.6's JSON gives expiries in whole seconds,
    /// the text to the millisecond, in the form the <c>add element</c> statement takes back.
    /// </summary>
    public static readonly string[] ListArguments = ["list", "set", "bridge", NftRenderer.Table, ArbitrationRules.ArmedSet];

    /// <summary>Whether anything could be carried from <paramref name="applied"/> to <paramref name="next"/> (no listing needed otherwise).</summary>
    public static bool Possible(DesiredStateDto? applied, DesiredStateDto next) => Kept(applied, next).Count > 0;

    /// <summary>The <c>add element</c> statements that restore the listed elements <paramref name="next"/> keeps, to follow the table in one transaction.</summary>
    public static string Render(string listing, DesiredStateDto? applied, DesiredStateDto next)
    {
        var kept = Kept(applied, next);
        var text = new StringBuilder();
        foreach (Match m in Element().Matches(listing))
        {
            if (kept.Contains(m.Groups["vip"].Value))
            {
                text.Append($"add element bridge {NftRenderer.Table} {ArbitrationRules.ArmedSet} {{ {m.Groups["vip"].Value} timeout {m.Groups["timeout"].Value} expires {m.Groups["expires"].Value} }}\n");
            }
        }
        return text.ToString();
    }

    private static HashSet<string> Kept(DesiredStateDto? applied, DesiredStateDto next)
    {
        var before = Arming(applied);
        return [.. Arming(next).Where(before.Contains).Select(a => a.Vip)];
    }

    private static HashSet<(string Vip, string Chosen, string Source, int Vrid)> Arming(DesiredStateDto? state) =>
        state is null ? [] : [.. state.HaVips.Where(v => v.Decision is not null)
            .Select(v => (v.IpAddress, v.Decision!.InstanceId, v.Decision.AdvertSource, v.Decision.VirtualRouterId))];

    [GeneratedRegex(@"(?<vip>\d{1,3}(?:\.\d{1,3}){3}) timeout (?<timeout>[0-9dhms]+) expires (?<expires>[0-9dhms]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Element();
}
