using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Server.Tests.Fixtures;

/// <summary>The built HaVip.Server running as a real process on a free loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 20;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);
    private readonly Process _process;

    // The server's last lines of output, to say why it did not start.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(string dataDir, params string[] extraArgs)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ServerDll(), "--urls", address.ToString(), "--data-dir", dataDir }.Concat(TestKeys.ServerArgs).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
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
    }

    private async Task WaitReadyAsync()
    {
        using var client = Client();
        // A server starts in about 2 s on an idle machine; with many builds sharing two cores a start has taken over a minute.
        var deadline = DateTime.UtcNow.Add(ReadyTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"server exited with {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }
            try
            {
                if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
                // A server still starting on a busy machine may take longer than the client's timeout to answer.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"server did not become ready within {ReadyTimeout.TotalSeconds} s; its last output:\n{string.Join('\n', _output)}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The server's own build output, next to this test project's in the same configuration.</summary>
    private static string ServerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var repo = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "src", "HaVip.Server", "bin", configuration, "net10.0", "HaVip.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/HaVip.Server first", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
