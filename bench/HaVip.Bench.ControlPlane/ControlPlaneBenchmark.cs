using System.Diagnostics;
using System.Globalization;
using HaVip.Storage;

namespace HaVip.Bench.ControlPlane;

/// <summary>Starts the server with 100,000 HAVIPs and measures create, get, list and patch over loopback HTTP.</summary>
internal sealed class ControlPlaneBenchmark(BenchOptions options)
{
    public async Task RunAsync()
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
                if (options.Rounds > 0)
                {
                    await new ReplicaComparison(options, [.. replicas], workload).RunAsync();
                }
                else
                {
                    await MeasureOnceAsync([.. replicas], workload);
                }
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
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    /// <summary>Every operation once, against all replicas round-robin.</summary>
    private async Task MeasureOnceAsync(Replica[] replicas, Workload workload)
    {
        var clients = replicas.Select(r => new HttpClient
        {
            BaseAddress = r.Address,
            DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HaVip.Testing.TestKeys.Admin) },
        }).ToArray();
        await workload.WarmUpAsync(replicas, clients, options.Concurrency, options.WarmUp);
        var results = new List<Measurement>();
        foreach (var name in Workload.Names)
        {
            results.Add(await Measurement.RunAsync(name, replicas, clients, workload, options));
        }
        Console.WriteLine($"\n{options.Describe()}\n");
        Console.WriteLine("| operation | requests/s | p50 ms | p99 ms | requests | failures | replica CPU µs/request | machine busy |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            var r = m.Load;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Operation} | {r.PerSecond:F0} | {r.P50:F2} | {r.P99:F2} | {r.Requests} | {r.Failures} | {m.ReplicaCpuMicrosPerRequest:F0} | {m.MachineBusy:P0} |"));
        }
        foreach (var r in results.Select(m => m.Load).Where(r => r.FirstFailure is not null))
        {
            Console.WriteLine($"first failure of {r.Operation}: {r.FirstFailure}");
        }
    }
}
