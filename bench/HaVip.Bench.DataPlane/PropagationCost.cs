using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HaVip.Lab;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// Where propagation's time goes: the agents' own apply time (devices + nft, from their
/// havip_agent_apply_duration histogram) and the server's desired-state answer for one host.
/// </summary>
internal static partial class PropagationCost
{
    public static async Task<(double Sum, double Count)> ApplySecondsAsync(TestBed bed, IReadOnlyList<string> hosts, CancellationToken ct)
    {
        double sum = 0, count = 0;
        foreach (var host in hosts)
        {
            var text = await bed.AgentMetricsAsync(host, ct);
            sum += Read(SumLine(), text);
            count += Read(CountLine(), text);
        }
        return (sum, count);
    }

    /// <summary>Median time of a full desired-state answer (no long-poll wait) for <paramref name="host"/>.</summary>
    public static async Task<double> DesiredStateMillisecondsAsync(TestBed bed, string host, int times, CancellationToken ct)
    {
        var samples = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await bed.DesiredStateAsync(host, ct);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return samples.Order().ElementAt(samples.Count / 2);
    }

    private static double Read(Regex line, string text) =>
        line.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^havip_agent_apply_duration_seconds_sum\S* (\S+)", RegexOptions.Multiline)]
    private static partial Regex SumLine();

    [GeneratedRegex(@"^havip_agent_apply_duration_seconds_count\S* (\S+)", RegexOptions.Multiline)]
    private static partial Regex CountLine();
}
