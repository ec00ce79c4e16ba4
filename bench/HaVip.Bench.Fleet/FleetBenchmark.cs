using System.Diagnostics;
using System.Globalization;
using HaVip.Contracts.Client;
using HaVip.Testing;

namespace HaVip.Bench.Fleet;

/// <summary>
/// One server and a simulated fleet (<see cref="SimulatedHost"/>): the agents' first complete
/// syncs, a full re-sync of every host at once, then changes in rounds that alternate agents
/// asking for deltas with agents asking for complete states, a steady rate of overlapping
/// changes (<see cref="RateDriver"/>), and the server's CPU at rest.
/// </summary>
internal sealed class FleetBenchmark(FleetOptions options)
{
    /// <summary>
    /// Every host's complete sync within this, or the run fails naming how many are missing. A
    /// bound against a hung run, not a target: at load 33 on 2 cores, 1,000 hosts took longer than
    /// 3 minutes; the smoke's 20 hosts take seconds.
    /// </summary>
    private TimeSpan SyncTimeout => options.Smoke ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);

    /// <summary>
    /// Each wait of the replica restart: twice the issue's target for every agent back in sync
    /// after a restart (30 s at 1,000 hosts), so a run that misses it fails and says what it saw.
    /// </summary>
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    public async Task<FleetReport> RunAsync()
    {
        string[] serverArgs = ["--no-demo", "--Logging:LogLevel:Default=Warning", "--Auth:MaxKeysPerAccount", (options.Hosts + 10).ToString(CultureInfo.InvariantCulture)];
        var clock = Stopwatch.StartNew();
        var (cache, hosts, subnets) = options.SeedCache is not null ? await SeedCache.OpenAsync(options, serverArgs)
            : options.ApiSeed ? (null, [], []) : await SeedCache.FreshAsync(options);
        await using var copy = cache;
        var database = cache?.Database ?? options.Database;
        await using var servers = await Replicas.StartAsync(options.Replicas, options.ServerDll,
            [.. serverArgs, .. database is null ? Array.Empty<string>() : ["--database", database]], cache?.DataDir, options.ServerEnvironment);
        // The API through the last replica: the restart phase kills the first.
        using var admin = HaVipApiClient.Create(servers.Address(servers.Count - 1), TestKeys.Admin, "havip-bench-fleet");
        if (cache is null)
        {
            clock.Restart();
            (hosts, subnets) = await FleetSeeder.SeedAsync(admin, options, CancellationToken.None);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(cache is null ? "seeding through the API" : options.SeedCache is null ? "seeding" : "the kept seed and its copy")} took {clock.Elapsed.TotalSeconds:F1} s"));
        var failures = new Failures();
        await using var fleet = new SimulatedFleet(hosts, [.. Enumerable.Range(0, servers.Count).Select(servers.Address)], failures, options.AcksOnPolls);
        var report = new FleetReport(options);
        clock.Restart();
        await fleet.RegisterAllAsync(CancellationToken.None);
        report.Registration = clock.Elapsed;
        report.RegisterRetries = fleet.TakeRegisterRetries();
        report.FirstSync = await SyncAllAsync(fleet, servers, admin, failures, "the first start");
        Progress($"registered in {report.Registration.TotalSeconds:F1} s; first complete sync of every host in {report.FirstSync.Elapsed.TotalSeconds:F1} s");
        if (options.FirstStartOnly)
        {
            return await FinishAsync(report, fleet, new ChangeDriver(admin, subnets, fleet.Applied, failures, fleet.Timeline), servers, failures);
        }
        var driver = new ChangeDriver(admin, subnets, fleet.Applied, failures, fleet.Timeline);
        foreach (var deltas in new[] { true, false })
        {
            report.WarmUp.Add(await RunChangesAsync(fleet, driver, servers, failures, deltas, options.WarmUpChanges));
        }
        if (!options.SkipResync)
        {
            await fleet.StopAsync();
            report.Resync = await SyncAllAsync(fleet, servers, admin, failures, "the re-sync");
            Progress($"warmed up; re-sync of every host in {report.Resync.Elapsed.TotalSeconds:F1} s");
        }
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var deltas in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var gate = await WriterLoad.TakeAsync(servers);
                var run = await RunChangesAsync(fleet, driver, servers, failures, deltas, options.ChangesPerRound);
                Console.WriteLine(WriterLoad.Table($"round {round + 1}'s changes one at a time, {(deltas ? "deltas" : "complete states")}", gate, await WriterLoad.TakeAsync(servers)));
                report.Add(deltas, run);
                Progress($"round {round + 1}, {(deltas ? "deltas" : "complete states")}: {run.Samples.Count} changes, server CPU {run.ServerCpu.TotalSeconds:F1} s, {run.Failures.Count} failure(s)");
            }
        }
        if (options.Rate > 0)
        {
            report.Steady = await RunSteadyAsync(fleet, new RateDriver(admin, subnets, fleet.Applied, failures, fleet.Timeline), servers, failures);
            Progress($"steady {options.Rate} changes/s: {report.Steady.Sent} sent, {report.Steady.LatenciesMs.Count} done, server {report.Steady.Cores:F2} cores");
        }
        return await FinishAsync(report, fleet, driver, servers, failures);
    }

    /// <summary>The server at rest, then (with replicas) the restart; the report printed.</summary>
    private async Task<FleetReport> FinishAsync(FleetReport report, SimulatedFleet fleet, ChangeDriver driver, Replicas servers, Failures failures)
    {
        if (options.FirstStartOnly)
        {
            // The agents hold their first states and wait, as at rest.
            await fleet.StopAsync();
            fleet.Start(deltas: true, fromScratch: false);
        }
        report.Idle = await IdleAsync(servers);
        report.MemoryMiB = servers.MemoryMiB();
        report.PeakMemoryMiB = servers.PeakMemoryMiB();
        if (servers.Count > 1)
        {
            report.Restart = await RestartAsync(fleet, driver, servers, failures);
            Progress($"replica restart: every agent attached to the others {report.Restart.Attached.TotalSeconds:F1} s after the kill");
        }
        report.Strays = driver.Strays;
        report.Replaced = fleet.Replaced;
        report.Print();
        return report;
    }

    /// <summary>
    /// Every agent attached (its long-poll waiting on some replica), the first replica is killed;
    /// until every agent is attached to the others (their <c>havip_agent_polls_waiting</c>), then the
    /// replica is started again and changes run through the others to show every host in sync.
    /// The killed replica's agents find their connections gone and move on; that is counted, not a
    /// failure; any answer with a 5xx status is one.
    /// </summary>
    private async Task<RestartRun> RestartAsync(SimulatedFleet fleet, ChangeDriver driver, Replicas servers, Failures failures)
    {
        await fleet.StopAsync();
        fleet.Start(deltas: true, fromScratch: false);
        var onFirst = 0;
        await WaitAsync(async ct =>
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, servers.Count).Select(r => servers.PollsWaitingAsync(r, ct)));
            onFirst = counts[0];
            // Exactly the fleet, and each host with its poll open: a cancelled loop's poll the server has not dropped yet would count twice.
            return counts.Sum() == options.Hosts && fleet.AllPolling ? null : $"polls waiting per replica {string.Join(" + ", counts)} of {options.Hosts}";
        }, "every agent attached before the kill", fleet, failures);
        fleet.ExpectOutage(true);
        fleet.Completes.TakePeak();
        var start = Stopwatch.GetTimestamp();
        servers.Kill(0);
        await WaitAsync(async ct =>
        {
            var counts = await Task.WhenAll(Enumerable.Range(1, servers.Count - 1).Select(r => servers.PollsWaitingAsync(r, ct)));
            return counts.Sum() == options.Hosts && fleet.AllPolling ? null : $"polls waiting on the other replicas {string.Join(" + ", counts)} of {options.Hosts}";
        }, "every agent attached to the other replicas after the kill", fleet, failures);
        var attached = Stopwatch.GetElapsedTime(start);
        var peakCompletes = fleet.Completes.TakePeak();
        var restarting = Stopwatch.GetTimestamp();
        await servers.RestartAsync(0);
        var restarted = Stopwatch.GetElapsedTime(restarting);
        fleet.ExpectOutage(false);
        var samples = new List<ChangeSample>();
        for (var i = 0; i < options.ChangesPerRound && await driver.ChangeAsync(CancellationToken.None) is { } sample; i++)
        {
            samples.Add(sample);
        }
        return new RestartRun(onFirst, attached, restarted, fleet.TakeMoved(), samples, fleet.TakeRefused(), fleet.TakeAcksRefused(), failures.Take(), peakCompletes);
    }

    /// <summary>
    /// Asks <paramref name="look"/> every 100 ms until it answers null (done; otherwise it says what
    /// it saw); not done within <see cref="RestartTimeout"/>, a failure of the phase that names the
    /// last look and the hosts with no poll open, what each is doing and what last went wrong.
    /// </summary>
    private static async Task WaitAsync(Func<CancellationToken, Task<string?>> look, string what, SimulatedFleet fleet, Failures failures)
    {
        using var timeout = new CancellationTokenSource(RestartTimeout);
        var seen = "nothing yet";
        try
        {
            while (await LookAsync() is { } notYet)
            {
                seen = notYet;
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failures.Add($"not within {RestartTimeout.TotalSeconds:0} s: {what}; last seen: {seen}; hosts with no poll open: {fleet.NotPolling(10)}", "restart timeout");
        }

        async Task<string?> LookAsync()
        {
            try
            {
                return await look(timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !timeout.IsCancellationRequested))
            {
                // A scrape that failed (a replica's own timeout) is something seen, not the end of the wait.
                return $"a scrape failed: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    /// <summary>
    /// Every host (registered) starts from no state at once, as restarted agents, and syncs completely; until the last one acked
    /// and, with acks carried on polls (sent, not answered), until no HAVIP is creating or failed any more (their writes done).
    /// </summary>
    private async Task<SyncResult> SyncAllAsync(SimulatedFleet fleet, Replicas servers, HaVipApiClient admin, Failures failures, string phase)
    {
        var gate = await WriterLoad.TakeAsync(servers);
        var cpu = servers.Cpu();
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
        var pending = "not asked";
        try
        {
            while (options.AcksOnPolls && synced.Count == fleet.Count && await Availability.PendingAsync(admin, timeout.Token) is { } waiting)
            {
                pending = waiting;
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            failures.Add($"every host acked, and HAVIPs still not settled within {SyncTimeout.TotalSeconds:0} s (last seen: {pending})", "sync timeout");
        }
        Console.WriteLine(WriterLoad.Table(phase, gate, await WriterLoad.TakeAsync(servers)));
        return new SyncResult(Stopwatch.GetElapsedTime(start), fleet.TakeRefused(), fleet.TakeAcksRefused(), servers.Cpu() - cpu, fleet.TakeLongestAck(), failures.Take());
    }

    /// <summary>The fleet in one mode, then <paramref name="count"/> changes one after another; the server's CPU over them.</summary>
    private static async Task<ModeRun> RunChangesAsync(SimulatedFleet fleet, ChangeDriver driver, Replicas servers, Failures failures, bool deltas, int count)
    {
        await fleet.StopAsync();
        fleet.Start(deltas, fromScratch: false);
        var samples = new List<ChangeSample>();
        var cpu = servers.Cpu();
        for (var i = 0; i < count && await driver.ChangeAsync(CancellationToken.None) is { } sample; i++)
        {
            samples.Add(sample);
        }
        return new ModeRun(samples, servers.Cpu() - cpu, fleet.TakeRefused(), fleet.TakeAcksRefused(), failures.Take());
    }

    /// <summary>The fleet asking for deltas, then changes at the options' steady rate, overlapping; the server's CPU over them.</summary>
    private async Task<RateRun> RunSteadyAsync(SimulatedFleet fleet, RateDriver driver, Replicas servers, Failures failures)
    {
        await fleet.StopAsync();
        fleet.Start(deltas: true, fromScratch: false);
        var gate = await WriterLoad.TakeAsync(servers);
        using var stopSeconds = new CancellationTokenSource();
        var seconds = WriterLoad.EverySecondAsync(servers, stopSeconds.Token);
        var (sent, skipped, elapsed, cpu, latencies, available, breakdown) = await driver.RunAsync(options.Rate, TimeSpan.FromSeconds(options.RateSeconds), servers.Cpu, CancellationToken.None);
        await stopSeconds.CancelAsync();
        var writer = WriterLoad.Table($"the steady {options.Rate} changes/s", gate, await WriterLoad.TakeAsync(servers))
            + "\n\n" + WriterLoad.WorstSeconds(await seconds, 8);
        Console.WriteLine(writer);
        return new RateRun(sent, latencies, available, elapsed, cpu, skipped, fleet.TakeRefused(), fleet.TakeAcksRefused(), failures.Take(), breakdown, writer);
    }

    /// <summary>The server's CPU while every agent waits in its long-poll and nothing changes.</summary>
    private async Task<double> IdleAsync(Replicas servers)
    {
        var cpu = servers.Cpu();
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(options.IdleWindow);
        return (servers.Cpu() - cpu) / Stopwatch.GetElapsedTime(start);
    }

    private static void Progress(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));
}

/// <summary>
/// A sync of every host: how long until the last acked, the complete states and acks refused with
/// 503 meanwhile, the server's CPU, the longest ack (Retry-After waits left out; the agent's timeout is 10 s).
/// </summary>
internal sealed record SyncResult(TimeSpan Elapsed, int Refused, int AcksRefused, TimeSpan ServerCpu, TimeSpan LongestAck, PhaseFailures Failures);

/// <summary>
/// A replica killed with every agent attached (<paramref name="OnKilled"/> of them to it): until every
/// agent was attached to the others, until the replica was ready again, the requests that found no
/// server meanwhile, then changes through the others; <paramref name="PeakCompletes"/>: the most
/// complete-state polls open at once from the kill until every agent was attached (<see cref="OpenCompletes"/>).
/// </summary>
internal sealed record RestartRun(int OnKilled, TimeSpan Attached, TimeSpan Restarted, int Moved, IReadOnlyList<ChangeSample> Samples, int Refused, int AcksRefused,
    PhaseFailures Failures, int PeakCompletes);

/// <summary>Changes in one mode: each change's sample, the server's CPU over them, complete states and acks refused.</summary>
internal sealed record ModeRun(IReadOnlyList<ChangeSample> Samples, TimeSpan ServerCpu, int Refused, int AcksRefused, PhaseFailures Failures);
