using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

[assembly: AssemblyFixture(typeof(HaVip.Cli.Tests.Fixtures.ServerFixture))]

namespace HaVip.Cli.Tests.Fixtures;

/// <summary>
/// The built HaVip.Server as a real process on a free loopback port, with no demo inventory and an
/// admin key fixed through Auth__BootstrapAdminKey, shared by every test (each makes its own VPC).
/// A short apply deadline lets a HAVIP whose hosts run no agent settle as failed within seconds.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string AdminKey = "havip-test-admin-key-0123456789";

    private Process? _process;
    private string? _dataDir;

    public Uri Address { get; } = new($"http://127.0.0.1:{FreePort()}");

    public async ValueTask InitializeAsync()
    {
        _dataDir = Directory.CreateTempSubdirectory("havip-cli-tests-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            ServerDll(), "--urls", Address.ToString(), "--data-dir", _dataDir, "--no-demo",
            "--HaVip:ApplyDeadline=00:00:02", "--HaVip:DeadlineCheckInterval=00:00:00.200",
        })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync(_process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private async Task WaitReadyAsync(Process process)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"server exited with {process.ExitCode}");
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
            await Task.Delay(100);
        }
        throw new TimeoutException("server did not become ready within 90 s");
    }

    /// <summary>The server's own build output (HaVip.Cli builds it), in this test project's configuration.</summary>
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
