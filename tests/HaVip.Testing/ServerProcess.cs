using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HaVip.Lab;
using HaVip.Lab.Processes;

namespace HaVip.Testing;

/// <summary>How to start a server: its data, its extra arguments and environment, and what runs it.</summary>
/// <param name="DataDir">The server's data directory; null: a fresh temporary one, deleted with the process.</param>
/// <param name="Args">Arguments after the kit's own (address, data directory, <see cref="TestKeys.ServerArgs"/>).</param>
/// <param name="Prefix">A command the server runs under (say, a shell that joins a cgroup and execs the rest).</param>
/// <param name="RunInDataDir">Start in the data directory rather than here: away from the appsettings.json beside the tests.</param>
/// <param name="Dll">Another build of the server (a benchmark's --server); null: <see cref="Binaries.Server"/>.</param>
public sealed record ServerStart(
    string? DataDir = null,
    IReadOnlyList<string>? Args = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    IReadOnlyList<string>? Prefix = null,
    TimeSpan? ReadyWithin = null,
    bool RunInDataDir = false,
    string? Dll = null);

/// <summary>
/// The built HaVip.Server (<see cref="Binaries.Server"/>) as a real child process on a free
/// loopback port, ready (<c>/readyz</c>) before it is returned. Disposing stops it and deletes a
/// data directory the kit made, also when the test failed.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _ownedDataDir;

    private ProcessLog? _log;

    private ServerProcess(Process process, Uri address, string dataDir, string? ownedDataDir)
    {
        _process = process;
        Address = address;
        DataDir = dataDir;
        _ownedDataDir = ownedDataDir;
    }

    public Uri Address { get; }

    public string DataDir { get; }

    /// <summary>The process itself: its id and CPU time, for benchmarks.</summary>
    public Process Process => _process;

    public static Task<ServerProcess> StartAsync(string dataDir, params string[] extraArgs) =>
        StartAsync(new ServerStart(dataDir, extraArgs));

    public static async Task<ServerProcess> StartAsync(ServerStart start)
    {
        var owned = start.DataDir is null ? Directory.CreateTempSubdirectory("havip-test-").FullName : null;
        var dataDir = start.DataDir ?? owned!;
        var info = new ProcessStartInfo((start.Prefix ?? ["dotnet"])[0])
        {
            WorkingDirectory = start.RunInDataDir ? dataDir : "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0: the server binds a port the kernel picks, and says which (Kestrel's "Now listening
        // on", logged at Information whatever the rest of the log level). A port picked here and bound
        // there a moment later could be taken meanwhile by another test's server, and the readiness
        // check would then pass against that one.
        string[] command = [.. (start.Prefix ?? []).Skip(1), .. start.Prefix is null ? [] : new[] { "dotnet" },
            start.Dll ?? Binaries.Server, "--urls", "http://127.0.0.1:0", $"--Logging:LogLevel:{ListeningCategory}=Information",
            "--data-dir", dataDir, .. TestKeys.ServerArgs, .. start.Args ?? []];
        foreach (var arg in command)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in start.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info) ?? throw new InvalidOperationException("the server did not start");
        var log = new ProcessLog(process, line =>
        {
            if (ListeningOn(line) is { } bound)
            {
                listening.TrySetResult(bound);
            }
        });
        var within = start.ReadyWithin ?? TimeSpan.FromSeconds(60);
        var started = Stopwatch.StartNew();
        Uri address;
        try
        {
            address = await BoundAddressAsync(process, listening.Task, within);
        }
        catch (InvalidOperationException e)
        {
            await StopAsync(process);
            DeleteOwned(owned);
            throw new InvalidOperationException($"{e.Message}; its last output follows:{Environment.NewLine}{log.Tail()}", e);
        }
        var server = new ServerProcess(process, address, dataDir, owned) { _log = log };
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            await Readiness.WaitForServerAsync(client, () => !process.HasExited, within - started.Elapsed,
                "its last output follows", CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Stopped and drained first: the output that says why arrives after the exit is seen.
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
            }
            await server.DisposeAsync();
            throw new InvalidOperationException($"{e.Message}:{Environment.NewLine}{log.Tail()}", e);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>
    /// The address a server started on port 0 says it listens on (<paramref name="listening"/>, set
    /// from its output by <see cref="ListeningOn"/>), or an <see cref="InvalidOperationException"/>
    /// saying why it never said so.
    /// </summary>
    public static async Task<Uri> BoundAddressAsync(Process process, Task<Uri> listening, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var exited = process.WaitForExitAsync(timeout.Token);
        try
        {
            var first = await Task.WhenAny(listening, exited);
            if (first == listening)
            {
                return await listening;
            }
            await exited; // a timeout throws here
            throw new InvalidOperationException($"the server exited with code {process.ExitCode} before it listened");
        }
        catch (OperationCanceledException)
        {
            if (listening.IsCompletedSuccessfully)
            {
                return await listening;
            }
            throw new InvalidOperationException($"the server did not say where it listens (\"Now listening on\") within {within.TotalSeconds:0} s");
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>The server's last lines of output, for a failing test to say what the server saw.</summary>
    public string LogTail() => _log?.Tail() ?? "(none)";

    /// <summary>A client with the admin key.</summary>
    public HttpClient Client() => new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) }.WithKey();

    /// <summary>SIGKILL: no shutdown hooks, no flush.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        DeleteOwned(_ownedDataDir);
    }

    private static void DeleteOwned(string? dataDir)
    {
        if (dataDir is null)
        {
            return;
        }
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file the server had open as it died; the temporary directory goes with the machine's.
        }
    }

    /// <summary>Kestrel's logger for "Now listening on: http://127.0.0.1:port".</summary>
    private const string ListeningCategory = "Microsoft.Hosting.Lifetime";

    /// <summary>The address in a server's "Now listening on: http://127.0.0.1:port" line; null for any other line.</summary>
    public static Uri? ListeningOn(string line)
    {
        var match = Listening().Match(line);
        return match.Success ? new Uri(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    /// <summary>A free loopback TCP port (free when asked; whoever binds it does so a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
