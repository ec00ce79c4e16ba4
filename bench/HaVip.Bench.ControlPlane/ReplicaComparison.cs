using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <summary>
/// One replica against all of them, side by side in one run: every round measures each operation
/// with 1 replica and with n (which goes first alternates), so slow drift of the machine, the
/// database's cache or other load falls on both alike. The table gives the medians over rounds
/// and the ratio of the medians. While one replica serves, the others idle but keep running.
/// </summary>
internal sealed class ReplicaComparison(BenchOptions options, Replica[] replicas, Workload workload)
{
    /// <summary>Reads the target speaks of; the ratio of these is held against it.</summary>
    private const double TargetRatio = 1.6;

    /// <summary>Runs the rounds; false when any request failed (the table is then not printed).</summary>
    public async Task<bool> RunAsync()
    {
        var sets = new[] { replicas[..1], replicas };
        var clients = sets.Select(Replica.Clients).ToArray();
        await workload.WarmUpAsync(replicas, clients[1], options);
        var results = await InterleavedRounds.RunAsync(options.Rounds,
            (name, s) => Measurement.RunAsync(name, sets[s], clients[s], workload, options),
            (round, name, s, m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round} {name,-20} {sets[s].Length} replica(s): {m.Load.PerSecond,6:F0}/s p99 {m.Load.P99,6:F2} ms, {m.ReplicaCpuMicrosPerRequest,5:F0} µs CPU/request, budget used {(double.IsNaN(m.BudgetUse) ? "-" : m.BudgetUse.ToString("P0", CultureInfo.InvariantCulture))}, machine busy {m.MachineBusy:P0}, failures {m.Load.Failures}")));
        if (!ControlPlaneBenchmark.ReportFailures(results.Values.SelectMany(s => s).SelectMany(l => l).Select(m => m.Load)))
        {
            return false;
        }
        Print(results);
        return true;
    }

    private void Print(Dictionary<string, List<Measurement>[]> results)
    {
        var n = replicas.Length;
        Console.WriteLine($"\n{options.Describe()}; medians of {options.Rounds} interleaved rounds\n");
        Console.WriteLine($"| operation | 1 replica /s | p99 ms | {n} replicas /s | p99 ms | ratio | replica CPU µs/request (1 / {n}) | machine busy (1 / {n}) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, bySet) in results)
        {
            var one = Summary.Of(bySet[0]);
            var many = Summary.Of(bySet[1]);
            var ratio = many.PerSecond / one.PerSecond;
            var verdict = name is "get" or "list (subnetId, 20)" ? (ratio >= TargetRatio ? " ✔" : " ✘") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {one.PerSecond:F0} | {one.P99:F2} | {many.PerSecond:F0} | {many.P99:F2} | {ratio:F2}{verdict} | {one.CpuPerRequest:F0} / {many.CpuPerRequest:F0} | {one.Busy:P0} / {many.Busy:P0} |"));
        }
        Console.WriteLine("\nno failures");
    }

}

/// <summary>The medians over the rounds of one operation on one side of a comparison.</summary>
internal sealed record Summary(double PerSecond, double P99, double CpuPerRequest, double Busy)
{
    public static Summary Of(List<Measurement> rounds) => new(
        Median(rounds.Select(m => m.Load.PerSecond)), Median(rounds.Select(m => m.Load.P99)),
        Median(rounds.Select(m => m.ReplicaCpuMicrosPerRequest)), Median(rounds.Select(m => m.MachineBusy)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
