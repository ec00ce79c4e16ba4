using System.Diagnostics;
using System.Globalization;
using HaVip.Storage;

namespace HaVip.Bench.ControlPlane;

/// <summary>Starts the server with 100,000 HAVIPs and measures create, get, list and patch over loopback HTTP.</summary>
internal sealed class ControlPlaneBenchmark(BenchOptions options)
{
    /// <summary>Runs the benchmark; false when any request failed (the figures are then not printed).</summary>
    public async Task<bool> RunAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "havip-bench-" + Guid.NewGuid().ToString("N"));
        var runId = Path.GetFileName(dataDir);
        try
        {
            // First start applies the migrations; then the database is loaded while no server runs.
            await using (await Replica.StartAsync(options with { ReplicaCpu = null }, dataDir, runId + "-m"))
            {
            }
            var seedClock = Stopwatch.StartNew();
            var (ids, full, empty) = await Seeder.SeedAsync(DatabaseSettings.Resolve(options.Database, dataDir), options.HaVips, options.EmptySubnets);
            Console.WriteLine($"seeded {ids.Length} HAVIPs in {seedClock.Elapsed.TotalSeconds:F1} s");
            if (options.Against is not null)
            {
                // The other build gets a copy of the same seeded database: both start equal.
                CopyDirectory(dataDir, dataDir + "-against");
                await using var mine = await Replica.StartAsync(options, dataDir, runId + "-this");
                await using var theirs = await Replica.StartAsync(options with { ServerDll = options.Against }, dataDir + "-against", runId + "-against");
                return await new BuildComparison(options, mine, theirs, new Workload(ids, full, empty)).RunAsync();
            }
            var replicas = new List<Replica>();
            using var client = options.ReplicaCpu is null ? null : CpuBudget.ForThisProcess(runId + "-client");
            try
            {
                for (var i = 0; i < options.Replicas; i++)
                {
                    // SQLite replicas would each need the one file; only PostgreSQL runs several.
                    replicas.Add(await Replica.StartAsync(options, options.Database is null ? dataDir : Path.Combine(dataDir, $"r{i}"), $"{runId}-r{i}"));
                }
                var workload = new Workload(ids, full, empty);
                return options.Rounds > 0
                    ? await new ReplicaComparison(options, [.. replicas], workload).RunAsync()
                    : await MeasureOnceAsync([.. replicas], workload);
            }
            finally
            {
                foreach (var replica in replicas)
                {
                    await replica.DisposeAsync();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var dir in new[] { dataDir, dataDir + "-against" }.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Every operation once, against all replicas round-robin.</summary>
    private async Task<bool> MeasureOnceAsync(Replica[] replicas, Workload workload)
    {
        var clients = Replica.Clients(replicas);
        await workload.WarmUpAsync(replicas, clients, options);
        var results = new List<Measurement>();
        foreach (var name in Workload.Names)
        {
            // Progress on stderr: a profiler attached to a replica can start on the operation it wants.
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} measuring {name}"));
            results.Add(await Measurement.RunAsync(name, replicas, clients, workload, options));
        }
        Console.WriteLine($"\n{options.Describe()}\n");
        Console.WriteLine("| operation | requests/s | p50 ms | p99 ms | requests | failures | replica CPU µs/request | machine busy |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            var r = m.Load;
            var (perSecond, p50, p99) = r.Cells;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Operation} | {perSecond} | {p50} | {p99} | {r.Requests} | {r.Failures} | {(r.Failed ? "failed" : m.ReplicaCpuMicrosPerRequest.ToString("F0", CultureInfo.InvariantCulture))} | {m.MachineBusy:P0} |"));
        }
        return ReportFailures(results.Select(m => m.Load));
    }

    /// <summary>Prints each failed operation's count and first failure; true when there was none.</summary>
    internal static bool ReportFailures(IEnumerable<LoadRunner.Result> results)
    {
        var failed = results.Where(r => r.Failed).ToList();
        foreach (var r in failed)
        {
            Console.WriteLine($"FAILED {r.Operation}: {r.Failures} of {r.Requests} requests; first: {r.FirstFailure}");
        }
        return failed.Count == 0;
    }
}
