using System.Diagnostics;
using System.Globalization;
using HaVip.Contracts.Client;
using HaVip.Testing;

namespace HaVip.Bench.Fleet;

/// <summary>
/// One server and a simulated fleet (<see cref="SimulatedHost"/>): the agents' first complete
/// syncs, a full re-sync of every host at once, then changes in rounds that alternate agents
/// asking for deltas with agents asking for complete states, and the server's CPU at rest.
/// </summary>
internal sealed class FleetBenchmark(FleetOptions options)
{
    /// <summary>
    /// Every host's complete sync within this, or the run fails naming how many are missing. A
    /// bound against a hung run, not a target: at load 33 on 2 cores, 1,000 hosts took longer than 3 minutes.
    /// </summary>
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(10);

    public async Task<FleetReport> RunAsync()
    {
        await using var server = await ServerProcess.StartAsync(new ServerStart(Args:
        [
            "--no-demo", "--Logging:LogLevel:Default=Warning", "--Auth:MaxKeysPerAccount", (options.Hosts + 10).ToString(CultureInfo.InvariantCulture),
            .. options.Database is null ? Array.Empty<string>() : ["--database", options.Database],
        ]));
        using var admin = HaVipApiClient.Create(server.Address, TestKeys.Admin, "havip-bench-fleet");
        var clock = Stopwatch.StartNew();
        var (hosts, subnets) = await FleetSeeder.SeedAsync(admin, options, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeding took {clock.Elapsed.TotalSeconds:F1} s"));
        var failures = new Failures();
        await using var fleet = new SimulatedFleet(hosts, server.Address, failures);
        var report = new FleetReport(options);
        clock.Restart();
        await fleet.RegisterAllAsync(CancellationToken.None);
        report.Registration = clock.Elapsed;
        report.FirstSync = await SyncAllAsync(fleet, server, failures);
        Progress($"registered in {report.Registration.TotalSeconds:F1} s; first complete sync of every host in {report.FirstSync.Elapsed.TotalSeconds:F1} s");
        var driver = new ChangeDriver(admin, subnets, fleet.Applied, failures);
        foreach (var deltas in new[] { true, false })
        {
            report.WarmUp.Add(await RunChangesAsync(fleet, driver, server, failures, deltas, options.WarmUpChanges));
        }
        await fleet.StopAsync();
        report.Resync = await SyncAllAsync(fleet, server, failures);
        Progress($"warmed up; re-sync of every host in {report.Resync.Elapsed.TotalSeconds:F1} s");
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var deltas in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var run = await RunChangesAsync(fleet, driver, server, failures, deltas, options.ChangesPerRound);
                report.Add(deltas, run);
                Progress($"round {round + 1}, {(deltas ? "deltas" : "complete states")}: {run.Samples.Count} changes, server CPU {run.ServerCpu.TotalSeconds:F1} s, {run.Failures.Count} failure(s)");
            }
        }
        report.Idle = await IdleAsync(server);
        report.Strays = driver.Strays;
        report.Replaced = fleet.Replaced;
        report.MemoryMiB = ServerMemoryMiB(server);
        report.Print();
        return report;
    }

    /// <summary>Every host (registered) starts from no state at once, as restarted agents, and syncs completely; until the last one acked.</summary>
    private static async Task<SyncResult> SyncAllAsync(SimulatedFleet fleet, ServerProcess server, Failures failures)
    {
        var cpu = Cpu(server);
        var start = Stopwatch.GetTimestamp();
        fleet.Start(deltas: true, fromScratch: true);
        var synced = new HashSet<int>();
        using var timeout = new CancellationTokenSource(SyncTimeout);
        try
        {
            while (synced.Count < fleet.Count)
            {
                var a = await fleet.Applied.ReadAsync(timeout.Token);
                if (a.Complete)
                {
                    synced.Add(a.Host);
                }
            }
        }
        catch (OperationCanceledException)
        {
            failures.Add($"only {synced.Count} of {fleet.Count} hosts synced within {SyncTimeout.TotalSeconds:0} s ({fleet.TakeRefused()} complete states refused with 503 meanwhile; failures before: {failures.Count}, first: {failures.First})", "sync timeout");
        }
        return new SyncResult(Stopwatch.GetElapsedTime(start), fleet.TakeRefused(), fleet.TakeAcksRefused(), Cpu(server) - cpu, failures.Take());
    }

    /// <summary>The fleet in one mode, then <paramref name="count"/> changes one after another; the server's CPU over them.</summary>
    private static async Task<ModeRun> RunChangesAsync(SimulatedFleet fleet, ChangeDriver driver, ServerProcess server, Failures failures, bool deltas, int count)
    {
        await fleet.StopAsync();
        fleet.Start(deltas, fromScratch: false);
        var samples = new List<ChangeSample>();
        var cpu = Cpu(server);
        for (var i = 0; i < count && await driver.ChangeAsync(CancellationToken.None) is { } sample; i++)
        {
            samples.Add(sample);
        }
        return new ModeRun(samples, Cpu(server) - cpu, fleet.TakeRefused(), fleet.TakeAcksRefused(), failures.Take());
    }

    /// <summary>The server's CPU while every agent waits in its long-poll and nothing changes.</summary>
    private async Task<double> IdleAsync(ServerProcess server)
    {
        var cpu = Cpu(server);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(options.IdleWindow);
        return (Cpu(server) - cpu) / Stopwatch.GetElapsedTime(start);
    }

    private static void Progress(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));

    private static TimeSpan Cpu(ServerProcess server)
    {
        server.Process.Refresh();
        return server.Process.TotalProcessorTime;
    }

    private static double ServerMemoryMiB(ServerProcess server)
    {
        server.Process.Refresh();
        return server.Process.WorkingSet64 / 1048576.0;
    }
}

/// <summary>A sync of every host: how long until the last acked, the complete states and acks refused with 503 meanwhile, the server's CPU.</summary>
internal sealed record SyncResult(TimeSpan Elapsed, int Refused, int AcksRefused, TimeSpan ServerCpu, PhaseFailures Failures);

/// <summary>Changes in one mode: each change's sample, the server's CPU over them, complete states and acks refused.</summary>
internal sealed record ModeRun(IReadOnlyList<ChangeSample> Samples, TimeSpan ServerCpu, int Refused, int AcksRefused, PhaseFailures Failures);
