using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Bench.ControlPlane;

/// <summary>One server process, optionally inside a CPU budget of its own.</summary>
internal sealed class Replica : IAsyncDisposable
{
    /// <summary>The admin key every replica accepts: the benchmark's clients send it.</summary>
    public const string AdminKey = "hvk_BenchmarkAdminKey000000000000000000000";

    private readonly Process _process;
    private readonly Dictionary<string, long> _tieringTicks = [];

    private Replica(Process process, Uri address, CpuBudget? budget)
    {
        _process = process;
        Address = address;
        Budget = budget;
    }

    public Uri Address { get; }

    public CpuBudget? Budget { get; }

    /// <summary>CPU time the replica has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
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
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
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
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();
        var budget = options.ReplicaCpu is { } cores ? CpuBudget.Create(name, cores) : null;
        var info = new ProcessStartInfo(budget is null ? "dotnet" : "/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (budget is not null)
        {
            // The shell joins the cgroup, then becomes the server (same pid): every thread the
            // runtime ever starts, the JIT's and the GC's included, counts against the budget.
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("echo $$ > \"$0/cgroup.procs\" && exec dotnet \"$@\"");
            info.ArgumentList.Add(budget.Path);
        }
        // Requests authenticate as in production (one cached key lookup each); the rate limit is
        // off because the benchmark's clients are meant to saturate the server.
        foreach (var arg in new[] { options.ServerDll, "--urls", address.ToString(), "--data-dir", dataDir, "--no-demo", "--Logging:LogLevel:Default=Warning",
                     "--Auth:BootstrapAdminKey", AdminKey, "--Auth:RateLimitPerSecond", "0" })
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
        var replica = new Replica(process, address, budget);
        using var probe = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 600 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return replica;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await replica.DisposeAsync();
        throw new TimeoutException($"server {name} did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        Budget?.Dispose();
    }
}
