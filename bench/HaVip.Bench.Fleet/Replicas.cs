using System.Globalization;
using HaVip.Testing;

namespace HaVip.Bench.Fleet;

/// <summary>
/// The server replicas of a run, each its own process on one database (one replica on SQLite;
/// several on PostgreSQL): their CPU and memory together, and a replica killed and started
/// again. A replica started again listens on a new port; the agents that left it stay where they went.
/// </summary>
internal sealed class Replicas(string[] args, string? dll, IReadOnlyDictionary<string, string>? environment, ServerProcess[] servers) : IAsyncDisposable
{
    /// <summary>
    /// Every replica started at once (they queue on the migration lock, so one migrates), ready
    /// when this returns; one that fails stops the others.
    /// </summary>
    /// <param name="dll">Another build of the server (<see cref="FleetOptions.ServerDll"/>); null: the bench's own.</param>
    /// <param name="dataDir">The data directory of a lone SQLite replica (a copy of a kept seed); null: a scratch one each.</param>
    /// <param name="environment">Variables set in each replica's environment (<see cref="FleetOptions.ServerEnvironment"/>).</param>
    public static async Task<Replicas> StartAsync(int count, string? dll, string[] args, string? dataDir = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var starting = Enumerable.Range(0, count).Select(_ => ServerProcess.StartAsync(new ServerStart(DataDir: dataDir, Args: args, Dll: dll, Environment: environment))).ToArray();
        try
        {
            return new Replicas(args, dll, environment, await Task.WhenAll(starting));
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    public int Count => servers.Length;

    public Uri Address(int replica) => servers[replica].Address;

    /// <summary>The server's user + system time, every replica together; a phase's figure is the difference of two reads, so no phase spans a kill.</summary>
    public TimeSpan Cpu() => TimeSpan.FromTicks(servers.Sum(s => Cpu(s).Ticks));

    /// <summary>The largest working set of a replica, MiB.</summary>
    public double MemoryMiB() => servers.Max(s =>
    {
        s.Process.Refresh();
        return s.Process.WorkingSet64 / 1048576.0;
    });

    /// <summary>
    /// The largest peak working set of a replica since it started (the kernel's high-water mark,
    /// VmHWM), MiB: what the run needed at its worst, where <see cref="MemoryMiB"/> is the end's.
    /// </summary>
    public double PeakMemoryMiB() => servers.Max(s =>
    {
        s.Process.Refresh();
        return s.Process.PeakWorkingSet64 / 1048576.0;
    });

    /// <summary>SIGKILL: the replica's agents find their connections gone. Gone within 10 s (the kernel's part), or the run ends saying so.</summary>
    public void Kill(int replica)
    {
        var process = servers[replica].Process;
        process.Kill(entireProcessTree: true);
        // With a timeout: without one, WaitForExit also waits for the end of the output it redirects.
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"replica {replica} (pid {process.Id}) did not exit within 10 s of SIGKILL");
        }
    }

    /// <summary>A new process for a killed replica, on the same database; ready when this returns (or it throws, and the killed one is still disposed with the others).</summary>
    public async Task RestartAsync(int replica)
    {
        var killed = servers[replica];
        servers[replica] = await ServerProcess.StartAsync(new ServerStart(Args: args, Dll: dll, Environment: environment));
        await killed.DisposeAsync();
    }

    /// <summary>A replica's <c>/metrics</c> (Prometheus text).</summary>
    public async Task<string> MetricsAsync(int replica, CancellationToken ct)
    {
        using var http = servers[replica].Client();
        return await http.GetStringAsync("/metrics", ct);
    }

    /// <summary>The desired-state polls waiting on a replica (<c>havip_agent_polls_waiting</c>): the agents attached to it.</summary>
    public async Task<int> PollsWaitingAsync(int replica, CancellationToken ct)
    {
        using var http = servers[replica].Client();
        var text = await http.GetStringAsync("/metrics", ct);
        const string Name = "havip_agent_polls_waiting{} ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"replica {replica} does not serve {Name.Trim()}");
        return int.Parse(line[Name.Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static TimeSpan Cpu(ServerProcess server)
    {
        if (server.Process.HasExited)
        {
            return TimeSpan.Zero;
        }
        server.Process.Refresh();
        return server.Process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }
}
