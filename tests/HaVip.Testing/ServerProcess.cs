using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _ownedDataDir;

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
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo((start.Prefix ?? ["dotnet"])[0])
        {
            WorkingDirectory = start.RunInDataDir ? dataDir : "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] command = [.. (start.Prefix ?? []).Skip(1), .. start.Prefix is null ? [] : new[] { "dotnet" },
            start.Dll ?? Binaries.Server, "--urls", address.ToString().TrimEnd('/'), "--data-dir", dataDir, .. TestKeys.ServerArgs, .. start.Args ?? []];
        foreach (var arg in command)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in start.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("the server did not start");
        var log = new ProcessLog(process);
        var server = new ServerProcess(process, address, dataDir, owned);
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            await Readiness.WaitForServerAsync(client, () => !process.HasExited, start.ReadyWithin ?? TimeSpan.FromSeconds(60),
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
        if (_ownedDataDir is not null)
        {
            try
            {
                Directory.Delete(_ownedDataDir, recursive: true);
            }
            catch (IOException)
            {
                // A file the server had open as it died; the temporary directory goes with the machine's.
            }
        }
    }

    /// <summary>A free loopback TCP port (free when asked; the server binds it a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
