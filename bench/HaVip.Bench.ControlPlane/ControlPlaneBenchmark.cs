using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HaVip.Contracts.Api;
using HaVip.Storage;

namespace HaVip.Bench.ControlPlane;

/// <summary>Starts the server on SQLite with 100,000 HAVIPs and measures create, get, list and patch over loopback HTTP.</summary>
internal sealed class ControlPlaneBenchmark(BenchOptions options)
{
    public async Task RunAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "havip-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            // First start applies the migrations; then the database is loaded while no server runs.
            await using (await StartServerAsync(dataDir))
            {
            }
            var seedClock = Stopwatch.StartNew();
            var (ids, full, empty) = await Seeder.SeedAsync(DatabaseSettings.Resolve(options.Database, dataDir), options.HaVips, emptySubnets: 40);
            Console.WriteLine($"seeded {ids.Length} HAVIPs in {seedClock.Elapsed.TotalSeconds:F1} s");
            var servers = new List<ServerHandle>();
            for (var i = 0; i < options.Replicas; i++)
            {
                // SQLite replicas would each need the one file; only PostgreSQL runs several.
                servers.Add(await StartServerAsync(options.Database is null ? dataDir : Path.Combine(dataDir, $"r{i}")));
            }
            var clients = servers.Select(s => new HttpClient { BaseAddress = s.Address }).ToArray();
            try
            {
                await MeasureAsync(clients, ids, full, empty);
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.DisposeAsync();
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

    /// <summary>Request i goes to replica i mod n, as a round-robin load balancer would send it.</summary>
    private async Task MeasureAsync(HttpClient[] clients, string[] ids, string[] full, string[] empty)
    {
        var json = ApiJson.Options;
        HttpClient Pick(int i) => clients[i % clients.Length];
        // Warm-up: JIT, connection pool and SQLite page cache; not reported.
        await LoadRunner.RunAsync("warm-up", options.Concurrency, TimeSpan.FromSeconds(2), i =>
            Pick(i).GetAsync($"/v1/havips/{ids[Random.Shared.Next(ids.Length)]}"));
        var results = new List<LoadRunner.Result>();
        results.Add(await LoadRunner.RunAsync("create", options.Concurrency, options.Duration, i =>
            Pick(i).PostAsJsonAsync("/v1/havips", new CreateHaVipRequest($"new-{i}", NetworkType.Internal, empty[i % empty.Length]), json)));
        results.Add(await LoadRunner.RunAsync("get", options.Concurrency, options.Duration, i =>
            Pick(i).GetAsync($"/v1/havips/{ids[Random.Shared.Next(ids.Length)]}")));
        results.Add(await LoadRunner.RunAsync("list (subnetId, 20)", options.Concurrency, options.Duration, i =>
            Pick(i).GetAsync($"/v1/havips?subnetId={full[Random.Shared.Next(full.Length)]}&pageSize=20")));
        results.Add(await LoadRunner.RunAsync("patch", options.Concurrency, options.Duration, i =>
            Pick(i).PatchAsJsonAsync($"/v1/havips/{ids[Random.Shared.Next(ids.Length)]}", new UpdateHaVipRequest(Remark: $"r{i}"), json)));

        var store = options.Database is null ? "SQLite" : "PostgreSQL";
        Console.WriteLine($"\n{store}, {options.Replicas} replica(s), {options.HaVips} HAVIPs, {options.Concurrency} concurrent clients, {options.Duration.TotalSeconds:F0} s per operation\n");
        Console.WriteLine("| operation | requests/s | p50 ms | p99 ms | requests | failures |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Operation} | {r.PerSecond:F0} | {r.P50:F2} | {r.P99:F2} | {r.Requests} | {r.Failures} |"));
        }
        foreach (var r in results.Where(r => r.FirstFailure is not null))
        {
            Console.WriteLine($"first failure of {r.Operation}: {r.FirstFailure}");
        }
    }

    private async Task<ServerHandle> StartServerAsync(string dataDir)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { options.ServerDll, "--urls", address.ToString(), "--data-dir", dataDir, "--no-demo", "--Logging:LogLevel:Default=Warning" })
        {
            info.ArgumentList.Add(arg);
        }
        if (options.Database is not null)
        {
            info.ArgumentList.Add("--database");
            info.ArgumentList.Add(options.Database);
        }
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return new ServerHandle(process, address);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill();
        throw new TimeoutException("server did not start");
    }

    private sealed record ServerHandle(Process Process, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Process.Kill();
            await Process.WaitForExitAsync();
            Process.Dispose();
        }
    }
}
