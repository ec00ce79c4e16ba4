using System.Diagnostics;
using System.Globalization;
using HaVip.Testing;

namespace HaVip.Bench.ControlPlane;

/// <summary>One server process, optionally inside a CPU budget of its own.</summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly ServerProcess _server;
    private readonly Dictionary<string, long> _tieringTicks = [];

    private Replica(ServerProcess server, CpuBudget? budget)
    {
        _server = server;
        Budget = budget;
    }

    private Process Process => _server.Process;

    public Uri Address => _server.Address;

    /// <summary>One client per replica, each with the admin key (the server's rate limit is off, see <see cref="StartAsync"/>).</summary>
    public static HttpClient[] Clients(Replica[] replicas) =>
        [.. replicas.Select(r => new HttpClient { BaseAddress = r.Address }.WithKey())];

    public CpuBudget? Budget { get; }

    /// <summary>CPU time the replica has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            Process.Refresh();
            return Process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// CPU time of the runtime's background recompiling thread (".NET Tiered Com", the name
    /// truncated to 15 characters) since the first reading. The runtime ends that thread when it
    /// idles and starts a new one later, so each thread's time is followed by its id.
    /// </summary>
    public TimeSpan TieringCpuTime
    {
        get
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{Process.Id}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    {
                        // After the parenthesised name: utime and stime are the 12th and 13th fields.
                        var stat = File.ReadAllText(Path.Combine(task, "stat"));
                        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                        _tieringTicks[Path.GetFileName(task)] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
            // Linux reports these in clock ticks of 1/100 s (USER_HZ).
            return TimeSpan.FromMilliseconds(_tieringTicks.Values.Sum() * 10);
        }
    }

    public static async Task<Replica> StartAsync(BenchOptions options, string dataDir, string name)
    {
        var budget = options.ReplicaCpu is { } cores ? CpuBudget.Create(name, cores) : null;
        try
        {
            // The shell joins the cgroup, then becomes the server (same pid): every thread the
            // runtime ever starts, the JIT's and the GC's included, counts against the budget.
            // Requests authenticate as in production (one cached key lookup each); the rate limit
            // is off (TestKeys.ServerArgs) because the benchmark's clients are meant to saturate the server.
            var server = await ServerProcess.StartAsync(new ServerStart(
                dataDir,
                ["--no-demo", "--Logging:LogLevel:Default=Warning", .. options.Database is null ? Array.Empty<string>() : ["--database", options.Database]],
                Prefix: budget is null ? null : ["/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", budget.Path],
                Dll: options.ServerDll));
            return new Replica(server, budget);
        }
        catch
        {
            budget?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Budget?.Dispose();
    }
}
