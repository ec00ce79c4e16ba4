using System.Text;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Rules;

/// <summary>
/// The data-path elements an apply carries across the table's re-creation (docs/split-brain.md):
/// the data path alone fills <c>armed</c>, <c>heard</c> and <c>speaking</c>, so a re-created table
/// would forget them until the next adverts. Each is carried with its remaining expiry, and only
/// where it still says what the new rules would have said:
/// <list type="bullet">
/// <item><c>armed</c>: the decision and its arming rule are unchanged (VIP, chosen instance, advert
/// source, VRID, interval); one armed by another chosen instance's adverts is no evidence that the new
/// one advertises, and one timed by a longer interval could outlive the new timeout.</item>
/// <item><c>heard</c>: the (VIP . port) pair is still covered and the HAVIP's VRID and advert sources
/// (with their intervals) are unchanged.</item>
/// <item><c>speaking</c>: the pair is still covered and the element was timed by the port's own
/// interval as now (whatever else changed): a carried element can only keep the port's claims passing
/// (fail open), and without it a live master's claims would be dropped until its next advert whenever
/// another instance's advert came first; one timed by another interval would keep that lapse.</item>
/// </list>
/// </summary>
internal static partial class ElementCarry
{
    /// <summary>
    /// The text listing of the table (<c>nft list table</c>): nft 1.0.6's JSON gives expiries in whole
    /// seconds, the text to the millisecond, in the form the <c>add element</c> statement takes back.
    /// </summary>
    public static readonly string[] ListArguments = ["list", "table", "bridge", NftRenderer.Table];

    /// <summary>Whether anything could be carried from <paramref name="applied"/> to <paramref name="next"/> (no listing needed otherwise).</summary>
    public static bool Possible(DesiredStateDto? applied, DesiredStateDto next) => Kept(applied, next).Count > 0;

    /// <summary>The <c>add element</c> statements that restore the listed elements <paramref name="next"/> keeps, to follow the table in one transaction.</summary>
    public static string Render(string listing, DesiredStateDto? applied, DesiredStateDto next)
    {
        var kept = Kept(applied, next);
        var text = new StringBuilder();
        foreach (Match set in SetBlock().Matches(listing))
        {
            var name = set.Groups["name"].Value;
            foreach (Match m in Element().Matches(set.Groups["body"].Value))
            {
                if (kept.TryGetValue((name, m.Groups["key"].Value), out var timeout) && (timeout is null || Milliseconds(m.Groups["timeout"].Value) == timeout))
                {
                    text.Append($"add element bridge {NftRenderer.Table} {name} {{ {m.Groups["key"].Value} timeout {m.Groups["timeout"].Value} expires {m.Groups["expires"].Value} }}\n");
                }
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// (set, element key as nft lists it) pairs that <paramref name="next"/> may take over from
    /// <paramref name="applied"/>, each with the timeout in milliseconds the element must have been
    /// listed with (null: any). The kernel refreshes an element by its own timeout, not the rule's, so
    /// a <c>speaking</c> element carried from a table timed by another interval would keep that lapse.
    /// </summary>
    private static Dictionary<(string Set, string Key), int?> Kept(DesiredStateDto? applied, DesiredStateDto next)
    {
        var before = Arming(applied);
        var kept = Arming(next).Where(before.Contains).ToDictionary(a => (ArbitrationRules.ArmedSet, a.Vip), _ => (int?)null);
        var sourcesBefore = Sources(applied);
        var sourcesNext = Sources(next);
        foreach (var (vip, port) in SilenceRules.Subjects(next))
        {
            var key = $"{vip.IpAddress} . \"{port.PortName}\"";
            kept[(SilenceRules.SpeakingSet, key)] = SilenceRules.TimeoutMilliseconds(vip.Vrrp!, vip.Vrrp!.Sources.First(s => s.InstanceId == port.InstanceId));
            if (sourcesBefore.TryGetValue(vip.IpAddress, out var was) && was == sourcesNext[vip.IpAddress])
            {
                kept[(SilenceRules.HeardSet, key)] = null;
            }
        }
        return kept;
    }

    /// <summary>An nft duration as listed (<c>2s500ms</c>, <c>1m3s</c>) in milliseconds.</summary>
    private static long Milliseconds(string duration) =>
        DurationPart().Matches(duration).Sum(p => long.Parse(p.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) * p.Groups["unit"].Value switch
        {
            "d" => 86_400_000L,
            "h" => 3_600_000L,
            "m" => 60_000L,
            "s" => 1_000L,
            _ => 1L,
        });

    [GeneratedRegex(@"(?<n>\d+)(?<unit>ms|d|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    private static HashSet<(string Vip, string Chosen, string Source, int Vrid, int Interval)> Arming(DesiredStateDto? state) =>
        state is null ? [] : [.. state.HaVips.Where(v => v.Decision is not null)
            .Select(v => (v.IpAddress, v.Decision!.InstanceId, v.Decision.AdvertSource, v.Decision.VirtualRouterId, v.Decision.AdvertIntervalMilliseconds))];

    /// <summary>Per VIP, what its <c>heard</c> elements stand for: the VRID, the interval and every advert source with its own.</summary>
    private static Dictionary<string, string> Sources(DesiredStateDto? state) =>
        state is null ? [] : state.HaVips.Where(v => v.Vrrp is not null).GroupBy(v => v.IpAddress, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => string.Join(';', g.Select(v => $"{v.Vrrp!.VirtualRouterId}/{v.Vrrp.AdvertIntervalMilliseconds}/" +
                string.Join(',', v.Vrrp.Sources.Select(s => $"{s.InstanceId}={s.Address}/{s.AdvertIntervalMilliseconds}").Order(StringComparer.Ordinal)))), StringComparer.Ordinal);

    [GeneratedRegex(@"^\tset (?<name>\w+) \{(?<body>.*?)^\t\}", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SetBlock();

    [GeneratedRegex(@"(?<key>\d{1,3}(?:\.\d{1,3}){3}(?: \. ""[^""]+"")?) timeout (?<timeout>[0-9dhms]+) expires (?<expires>[0-9dhms]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Element();
}
