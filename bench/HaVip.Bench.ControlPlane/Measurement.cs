namespace HaVip.Bench.ControlPlane;

/// <summary>One operation's run, with the CPU the serving replicas spent on it and how busy the whole machine was.</summary>
internal sealed record Measurement(LoadRunner.Result Load, double ReplicaCpuMicrosPerRequest, double BudgetUse, double MachineBusy)
{
    /// <summary>Runs <paramref name="name"/> against the given replicas and measures their CPU around it.</summary>
    public static async Task<Measurement> RunAsync(string name, Replica[] replicas, HttpClient[] clients, Workload workload, BenchOptions options)
    {
        var cpuBefore = replicas.Sum(r => r.CpuTime.TotalMicroseconds);
        var machineBefore = MachineCpu.Read();
        var load = await LoadRunner.RunAsync(name, options.Concurrency, options.Duration, workload.Operation(name, clients));
        var cpu = replicas.Sum(r => r.CpuTime.TotalMicroseconds) - cpuBefore;
        var busy = MachineCpu.BusyShare(machineBefore, MachineCpu.Read());
        // Share of the replicas' combined budget they used: near 1 means the budget was the limit.
        var budget = options.ReplicaCpu is { } cores ? cpu / (options.Duration.TotalMicroseconds * cores * replicas.Length) : double.NaN;
        return new Measurement(load, load.Requests == 0 ? double.NaN : cpu / load.Requests, budget, busy);
    }
}
