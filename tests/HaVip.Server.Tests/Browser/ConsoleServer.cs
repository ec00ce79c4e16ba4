using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// The real server, as a separate process on a free loopback port with a fresh database: a
/// browser cannot reach WebApplicationFactory's in-memory TestServer. Disposing stops it and
/// deletes its data directory, also when the test failed.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;
    private readonly HttpClient _http;

    private ConsoleServer(Process process, string dataDir, Uri baseUrl)
    {
        _process = process;
        _dataDir = dataDir;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) }.WithKey();
        Api = new ApiClient(_http);
    }

    public Uri BaseUrl { get; }

    public ApiClient Api { get; }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public static async Task<ConsoleServer> StartAsync(params string[] extraArgs)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "havip-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The server next to the tests is the one the test project was built against.
        string[] args = [Path.Combine(AppContext.BaseDirectory, "HaVip.Server.dll"), "--urls", url.ToString().TrimEnd('/'), "--data-dir", dataDir, "--no-demo", .. TestKeys.ServerArgs, .. extraArgs];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ConsoleServer(process, dataDir, url);
        try
        {
            await server.WaitReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}");
            }
            try
            {
                if ((await _http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the server did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
