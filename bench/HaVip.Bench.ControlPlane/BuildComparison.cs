using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <summary>
/// This build of the server against another (<c>--against path/to/HaVip.Server.dll</c>), side by
/// side in one run: each on its own copy of the same seeded SQLite database, both running for the
/// whole run, every round measuring each operation on both (<see cref="InterleavedRounds"/>).
/// The table gives the medians over rounds and the ratio of this build's to the other's. A
/// before/after of a change is one such run.
/// </summary>
internal sealed class BuildComparison(BenchOptions options, Replica mine, Replica theirs, Workload workload)
{
    /// <summary>Runs the rounds; false when any request failed (the table is then not printed).</summary>
    public async Task<bool> RunAsync()
    {
        var sides = new[] { mine, theirs };
        var clients = sides.Select(r => Replica.Clients([r])).ToArray();
        for (var s = 0; s < sides.Length; s++)
        {
            await workload.WarmUpAsync([sides[s]], clients[s], options);
        }
        var results = await InterleavedRounds.RunAsync(options.Rounds,
            (name, s) => Measurement.RunAsync(name, [sides[s]], clients[s], workload, options),
            (round, name, s, m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round} {name,-20} {(s == 0 ? "this build" : "against"),-10}: {m.Load.PerSecond,6:F0}/s p99 {m.Load.P99,6:F2} ms, {m.ReplicaCpuMicrosPerRequest,5:F0} µs CPU/request, machine busy {m.MachineBusy:P0}, failures {m.Load.Failures}")));
        if (!ControlPlaneBenchmark.ReportFailures(results.Values.SelectMany(s => s).SelectMany(l => l).Select(m => m.Load)))
        {
            return false;
        }
        Console.WriteLine($"\n{options.Describe()}; this build against {options.Against}; medians of {options.Rounds} interleaved rounds\n");
        Console.WriteLine("| operation | this build /s | p99 ms | CPU µs/request | against /s | p99 ms | CPU µs/request | ratio /s | ratio CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, bySide) in results)
        {
            var a = Summary.Of(bySide[0]);
            var b = Summary.Of(bySide[1]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {a.PerSecond:F0} | {a.P99:F2} | {a.CpuPerRequest:F0} | {b.PerSecond:F0} | {b.P99:F2} | {b.CpuPerRequest:F0} | {a.PerSecond / b.PerSecond:F2} | {a.CpuPerRequest / b.CpuPerRequest:F2} |"));
        }
        Console.WriteLine("\nno failures");
        return true;
    }
}
