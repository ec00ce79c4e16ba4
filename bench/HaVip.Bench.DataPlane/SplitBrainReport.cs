using System.Globalization;
using System.Text;

namespace HaVip.Bench.DataPlane;

/// <summary>The split-brain benchmark's lines: one per round and setup as it runs, then medians [max] over the rounds.</summary>
internal static partial class SplitBrainBench
{
    private static string Round(int round, string setup, IReadOnlyList<ClientOutcome> split, IReadOnlyList<ClientOutcome> killed, TimeSpan failover, TimeSpan fromAdvert)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"round {round}, {setup}: failover {failover.TotalSeconds:0.000} s ({fromAdvert.TotalSeconds:0.000} s from the last advert)"));
        foreach (var o in split)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"; split {o.Client}: non-elected {o.LoserDuringSplit:0.00} s (past grace {o.LoserPastGrace:0.00}), after heal {o.LoserAfterHeal:0.00} s, unanswered {o.UnansweredAfterHeal:0.00} s, settled {Settled(o.SettledAfterHeal)}");
        }
        foreach (var o in killed)
        {
            text.Append(CultureInfo.InvariantCulture, $"; kill {o.Client}: {o.KilledAnswersAfterTakeover} answers from the killed instance ({o.KilledTimeAfterTakeover:0.00} s)");
        }
        return text.ToString();
    }

    private static void Print(Dictionary<string, Samples> results, int rounds, SplitBrainTimes times, string daemon)
    {
        if (results.Values.All(s => s.Split.Count == 0))
        {
            PrintFailover(results, rounds);
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(1) split {times.Split.TotalSeconds:0} s from blocking the adverts, then heal, watched {times.HealWatch.TotalSeconds:0} s; median [max] of {rounds} run(s), seconds; past grace = from the second master's takeover + {SplitBrainScenarios.SplitGrace.TotalSeconds:0.0} s"));
        foreach (var (setup, samples) in results)
        {
            foreach (var client in samples.Split.Select(o => o.Client).Distinct())
            {
                var runs = samples.Split.Where(o => o.Client == client).ToList();
                var settled = runs.Where(o => o.SettledAfterHeal is not null).Select(o => o.SettledAfterHeal!.Value).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {setup,-24} {client,-9} answered by the non-elected: during split {Of(runs, o => o.LoserDuringSplit)}, past grace {Of(runs, o => o.LoserPastGrace)}, after heal {Of(runs, o => o.LoserAfterHeal)}; unanswered after heal {Of(runs, o => o.UnansweredAfterHeal)}; settled on the elected after heal {(settled.Count == 0 ? "-" : Of(settled))} in {settled.Count}/{runs.Count} (others not within the watch)"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(2) master's {daemon} SIGKILLed, watched {times.KillWatch.TotalSeconds:0} s after the takeover; median [max] of {rounds} run(s)"));
        foreach (var (setup, samples) in results)
        {
            foreach (var client in samples.Killed.Select(o => o.Client).Distinct())
            {
                var runs = samples.Killed.Where(o => o.Client == client).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {setup,-24} {client,-9} answers from the killed instance after the takeover: {Of(runs, o => o.KilledAnswersAfterTakeover, "0")} of {Of(runs, o => o.Probes, "0")} probes, for {Of(runs, o => o.KilledTimeAfterTakeover)} s"));
            }
        }
        PrintFailover(results, rounds);
    }

    private static void PrintFailover(Dictionary<string, Samples> results, int rounds)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(3) master's link down, client-observed failover (ICMP every {SplitBrainScenarios.ProbeEvery.TotalMilliseconds:0} ms), {rounds} run(s)"));
        foreach (var (setup, samples) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {setup,-24} from the fault: median {Stats.Median(samples.Failover):0.000} s, max {samples.Failover.Max().TotalSeconds:0.000} s; from the master's last advert: median {Stats.Median(samples.FromLastAdvert):0.000} s, max {samples.FromLastAdvert.Max().TotalSeconds:0.000} s"));
        }
        foreach (var (what, of) in new (string, Func<Samples, List<TimeSpan>>)[] { ("from the fault", s => s.Failover), ("from the last advert", s => s.FromLastAdvert) })
        {
            var medians = results.Values.Select(s => Stats.Median(of(s))).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio of medians {what}: arbitration on / off {medians[0] / medians[1]:0.000}, on / plain bridge {medians[0] / medians[2]:0.000}"));
        }
    }

    private static string Settled(double? seconds) => seconds is { } s ? s.ToString("0.00 s", CultureInfo.InvariantCulture) : "not within the watch";

    private static string Of<T>(IReadOnlyList<T> runs, Func<T, double> value, string format = "0.00") => Of([.. runs.Select(value)], format);

    private static string Of(IReadOnlyList<double> values, string format = "0.00")
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture)} [{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}]");
    }
}
