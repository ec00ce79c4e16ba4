using System.Globalization;

namespace HaVip.Bench.Fleet;

/// <summary>The run's figures as markdown tables: delta against complete answers side by side, the syncs, the server at rest.</summary>
internal sealed class FleetReport(FleetOptions options)
{
    private readonly Dictionary<bool, List<ModeRun>> _runs = new() { [true] = [], [false] = [] };

    /// <summary>Every host registered (16 at a time), before any polls.</summary>
    public TimeSpan Registration { get; set; }

    /// <summary>Registrations sent again, as the agent sends them (<see cref="SimulatedHost.RegisterAsync"/>), and of those how many were answered with a 5xx.</summary>
    public (int Retries, int ServerErrors) RegisterRetries { get; set; }

    public SyncResult? FirstSync { get; set; }

    public SyncResult? Resync { get; set; }

    /// <summary>The replica restart; null with one replica.</summary>
    public RestartRun? Restart { get; set; }

    /// <summary>The steady phase (<see cref="RateDriver"/>); null when <c>--rate 0</c>.</summary>
    public RateRun? Steady { get; set; }

    /// <summary>Server CPU time per second of wall time with every agent waiting and nothing changing.</summary>
    public double Idle { get; set; }

    public int Strays { get; set; }

    /// <summary>Polls answered 409 PollReplaced: a stopped loop's poll that reached the server after its successor's.</summary>
    public int Replaced { get; set; }

    public double MemoryMiB { get; set; }

    /// <summary>The server's peak working set over the run (before a replica restart), MiB.</summary>
    public double PeakMemoryMiB { get; set; }

    /// <summary>The warm-up's changes: not reported, but their failures are.</summary>
    public List<ModeRun> WarmUp { get; } = [];

    public void Add(bool deltas, ModeRun run) => _runs[deltas].Add(run);

    public FleetOptions Options => options;

    /// <summary>No request of the run failed (known once printed).</summary>
    public bool Passed { get; private set; }

    private (double Woken, double Bytes, double Median, double P99, double Cpu)? _deltas;
    private (double Woken, double Bytes, double Median, double P99, double Cpu)? _completes;

    /// <summary>Prints the tables, "failed" in place of a phase's figures when any of its requests failed; <see cref="Passed"/> false when any did.</summary>
    public void Print()
    {
        Console.WriteLine($"\n{options.Describe()}\n");
        if (_runs.Values.Any(r => r.Count > 0))
        {
            PrintChanges();
        }
        Console.WriteLine($"\nhosts woken by a change that did not need them: {Strays}; polls replaced (409) when the bench restarted the loops: {Replaced}\n");
        Console.WriteLine($"| every host syncs completely at once | hosts | until the last ack s{(options.AcksOnPolls ? " (sent on a poll, then every HAVIP settled)" : "")} | complete states refused (503, Retry-After) | acks refused (503, Retry-After) | longest ack s (timeout 10) | server CPU s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, sync) in new[] { ("first start (registered, nothing held)", FirstSync), ("re-sync (agents restarted)", Resync) }.Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!)))
        {
            Console.WriteLine(sync.Failures.Any
                ? $"| {name} | {options.Hosts} | failed | failed | failed | failed | failed |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {options.Hosts} | {sync.Elapsed.TotalSeconds:F2} | {sync.Refused} | {sync.AcksRefused} | {(options.AcksOnPolls ? "— (on polls)" : sync.LongestAck.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture))} | {sync.ServerCpu.TotalSeconds:F2} |"));
        }
        PrintSteady();
        PrintRestart();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nregistering every host (16 at a time, before any polls): {Registration.TotalSeconds:F1} s; registrations sent again {RegisterRetries.Retries} (answered 5xx {RegisterRetries.ServerErrors})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server at rest with {options.Hosts} agents long-polling: {Idle:P1} of a core; working set {MemoryMiB:F0} MiB at the end, {PeakMemoryMiB:F0} MiB at its peak"));
        Passed = ReportFailures();
    }

    /// <summary>The changes one at a time, agents asking for deltas and for complete states, side by side.</summary>
    private void PrintChanges()
    {
        Console.WriteLine("| agents ask for | changes | hosts needing the change (median) | hosts that applied it (median) | complete answers | bytes sent / change (median) | request → available (server's event) median ms | p99 ms | server CPU ms / change | 503 refused (complete states / acks) | median: API answered / last poll answered ms | slowest: API answered / last poll answered / last ack ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var delta = _deltas = Row("deltas", _runs[true]);
        var complete = _completes = Row("complete states", _runs[false]);
        if (delta is { } d && complete is { } c)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| complete / deltas | | | | | {c.Bytes / d.Bytes:F2} | {c.Median / d.Median:F2} | {c.P99 / d.P99:F2} | {c.Cpu / d.Cpu:F2} | |"));
        }
    }

    /// <summary>
    /// Several fleet sizes' figures side by side (each run printed its own tables before): what a
    /// change costs should not grow with the fleet. Each woken host makes two agent requests for a
    /// change, its answered poll and its ack, or one when the ack rides on its next poll.
    /// </summary>
    public static void PrintSideBySide(IReadOnlyList<FleetReport> reports)
    {
        Console.WriteLine($"\nside by side in one run, {(reports[0].Options.Database is null ? "SQLite" : "PostgreSQL")} (each size's own tables above)\n");
        Console.WriteLine("| hosts, server | hosts woken / change (median) | agent requests / change | bytes / change, deltas (median) | bytes / change, complete (median) | deltas: request → available median / p99 ms | deltas: server CPU ms / change | first start s (acks refused) | re-sync s | steady: changes / s, p99 ms, server cores | at rest: CPU of a core / working set MiB / peak MiB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in reports)
        {
            var d = r._deltas;
            // With --first-start-only the change phases did not run: "—", not "failed".
            var notRun = r.Options.FirstStartOnly ? "—" : "failed";
            string Deltas(Func<(double Woken, double Bytes, double Median, double P99, double Cpu), string> figure) => d is { } row ? figure(row) : notRun;
            string Sync(SyncResult sync, string? refused) => sync.Failures.Any ? "failed" : Invariant($"{sync.Elapsed.TotalSeconds:F1}{refused}");
            Console.WriteLine(Invariant(
                $"| {r.Options.Hosts}, {r.Options.Build} | {Deltas(x => Invariant($"{x.Woken:F0}"))} | {Deltas(x => Invariant($"{(r.Options.AcksOnPolls ? 1 : 2) * x.Woken:F0}"))} | {Deltas(x => Invariant($"{x.Bytes:F0}"))} | {(r._completes is { } c ? Invariant($"{c.Bytes:F0}") : notRun)} | {Deltas(x => Invariant($"{x.Median:F1} / {x.P99:F1}"))} | {Deltas(x => Invariant($"{x.Cpu:F0}"))} | {Sync(r.FirstSync!, Invariant($" ({r.FirstSync!.AcksRefused})"))} | {(r.Resync is { } resync ? Sync(resync, null) : "—")} | {r.SteadyCell()} | {Invariant($"{r.Idle:P1} / {r.MemoryMiB:F0} / {r.PeakMemoryMiB:F0}")} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The steady phase: what was asked and done, propagation, the server's cores over the window.</summary>
    private void PrintSteady()
    {
        if (Steady is not { } run)
        {
            return;
        }
        var ack = options.AcksOnPolls ? "sent on a poll" : "answered";
        Console.WriteLine($"\n| steady changes, agents ask for deltas | asked / s | s | sent | done | sent / s | request → available (server's event) median ms | p99 ms | request → last ack {ack}, median / p99 ms | server CPU (cores) | server CPU ms / change | ticks skipped (every subnet busy) | 503 refused (complete states / acks) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(run.Failures.Any
            // The refusals are counts, not figures a failure would flatter: they may be why it failed.
            ? $"| {options.Hosts} hosts | {options.Rate} | {options.RateSeconds} | {run.Sent} | failed | failed | failed | failed | failed | failed | failed | {run.Skipped} | {run.Refused} / {run.AcksRefused} |"
            : Invariant($"| {options.Hosts} hosts | {options.Rate:0.#} | {run.Elapsed.TotalSeconds:F1} | {run.Sent} | {run.LatenciesMs.Count} | {run.Sent / run.Elapsed.TotalSeconds:F1} | {Percentile(run.AvailableMs, 0.5):F1} | {Percentile(run.AvailableMs, 0.99):F1} | {Percentile(run.LatenciesMs, 0.5):F1} / {Percentile(run.LatenciesMs, 0.99):F1} | {run.Cores:F2} | {run.ServerCpu.TotalMilliseconds / Math.Max(1, run.Sent):F1} | {run.Skipped} | {run.Refused} / {run.AcksRefused} |"));
        Console.WriteLine($"\nsteady changes, {run.Breakdown}");
        Console.WriteLine($"\n{run.Writer}");
    }

    /// <summary>The replica restart: how long until every agent was attached to the others, the replica's own start, the changes after it.</summary>
    private void PrintRestart()
    {
        if (Restart is not { } run)
        {
            return;
        }
        Console.WriteLine("\n| replica killed with every agent attached | agents on it | until every agent attached to the others s | requests that found no server (moved on) | complete-state polls open at once, peak | replica ready again s | then changes through the others: median / p99 ms | 503 refused (complete states / acks) | other failures (5xx included) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var latencies = run.Samples.Select(x => x.LatencyMs).ToArray();
        Console.WriteLine(run.Failures.Any
            ? Invariant($"| {options.Replicas} replicas, {options.Hosts} hosts | {run.OnKilled} | failed | {run.Moved} | {run.PeakCompletes} | failed | failed | {run.Refused} / {run.AcksRefused} | {run.Failures.Count} ({run.Failures.Kinds}) |")
            : Invariant($"| {options.Replicas} replicas, {options.Hosts} hosts | {run.OnKilled} | {run.Attached.TotalSeconds:F1} | {run.Moved} | {run.PeakCompletes} | {run.Restarted.TotalSeconds:F1} | {Percentile(latencies, 0.5):F1} / {Percentile(latencies, 0.99):F1} | {run.Refused} / {run.AcksRefused} | 0 |"));
    }

    private string SteadyCell() => Steady switch
    {
        null => "—",
        { Failures.Any: true } => "failed",
        var s => Invariant($"{s.Sent / s.Elapsed.TotalSeconds:F1}, {Percentile(s.AvailableMs, 0.99):F0}, {s.Cores:F2}"),
    };

    /// <summary>Each phase's failures, counted, with the first; true when there was none.</summary>
    private bool ReportFailures()
    {
        var phases = new List<(string Name, PhaseFailures Failures)> { ("first start", FirstSync!.Failures) };
        if (Resync is { } resync)
        {
            phases.Add(("re-sync", resync.Failures));
        }
        if (Steady is { } steady)
        {
            phases.Add(("steady changes", steady.Failures));
        }
        if (Restart is { } restart)
        {
            phases.Add(("replica restart", restart.Failures));
        }
        phases.AddRange(WarmUp.Select(r => ("warm-up", r.Failures)));
        phases.AddRange(_runs.SelectMany(m => m.Value.Select(r => (m.Key ? "changes, deltas" : "changes, complete states", r.Failures))));
        foreach (var (name, failures) in phases.Where(p => p.Failures.Any))
        {
            Console.WriteLine($"FAILED {name}: {failures.Count} failed request(s) or change(s) ({failures.Kinds}); first: {failures.First}");
        }
        return !phases.Any(p => p.Failures.Any);
    }

    private static (double Woken, double Bytes, double Median, double P99, double Cpu)? Row(string name, List<ModeRun> runs)
    {
        var samples = runs.SelectMany(r => r.Samples).ToArray();
        if (runs.Any(r => r.Failures.Any))
        {
            Console.WriteLine($"| {name} | {samples.Length} | failed | failed | failed | failed | failed | failed | failed | failed | failed | failed |");
            return null;
        }
        var bytes = Percentile(samples.Select(s => (double)s.Bytes), 0.5);
        var median = Percentile(samples.Select(s => s.LatencyMs), 0.5);
        var p99 = Percentile(samples.Select(s => s.LatencyMs), 0.99);
        var cpu = runs.Sum(r => r.ServerCpu.TotalMilliseconds) / Math.Max(1, samples.Length);
        var woken = Percentile(samples.Select(s => (double)s.Woken), 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {samples.Length} | {Percentile(samples.Select(s => (double)s.Expected), 0.5):F0} | {woken:F0} | {samples.Sum(s => s.CompleteAnswers)} | {bytes:F0} | {median:F1} | {p99:F1} | {cpu:F1} | {runs.Sum(r => r.Refused)} / {runs.Sum(r => r.AcksRefused)} | {Percentile(samples.Select(s => s.ApiMs), 0.5):F1} / {Percentile(samples.Select(s => s.LastAnswerMs), 0.5):F1} | {Slowest(samples)} |"));
        return (woken, bytes, median, p99, cpu);
    }

    /// <summary>Where the slowest change's time went: the API's answer (commit), its last host's poll answer, its last ack.</summary>
    private static string Slowest(ChangeSample[] samples) =>
        samples.MaxBy(s => s.LatencyMs) is { LatencyMs: > 0 } slow ? Invariant($"{slow.ApiMs:F1} / {slow.LastAnswerMs:F1} / {slow.LatencyMs:F1}") : "—";

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
    }
}
