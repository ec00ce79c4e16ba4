using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaVip.Lab.Processes;

namespace HaVip.Server.Tests.Readme;

/// <summary>
/// The README tried as a newcomer tries it: its "Run it" command and its "Using the API" example,
/// taken from README.md as written and run with bash from the repository root. Only the port is
/// changed (ASPNETCORE_URLS to port 0, the one the server says it bound in the example's <c>localhost:5080</c>), so that the test can run
/// beside a developer's own server. A wrong command, path or flag in the README fails here.
/// </summary>
public sealed partial class ReadmeCommandsTests
{
    private static readonly TimeSpan FirstStart = TimeSpan.FromSeconds(240); // dotnet run checks the build first

    [Fact]
    public async Task RunCommand_ThenTheApiExample_WorkFromTheRepositoryRoot()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var run = ShellBlock(readme, "## Run it");
        var example = ShellBlock(readme, "## Using the API");
        run.Should().StartWith("dotnet run", "the README's run command is what a newcomer types");

        await using var dataDir = new ScratchDataDirectory(Path.Combine(root, "data"));
        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = Start(root, run, log, listening);
        try
        {
            // Port 0, and the port the server says it bound: one picked here could be taken by another test's server first.
            Uri address;
            try
            {
                address = await ServerProcess.BoundAddressAsync(server, listening.Task, FirstStart);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message}; its output: {string.Join('\n', log)}", e);
            }
            var port = address.Port;
            using var http = new HttpClient { BaseAddress = address };
            await Readiness.WaitForServerAsync(http, () => !server.HasExited, FirstStart, "its output: " + string.Join('\n', log), CancellationToken.None);

            File.Exists(Path.Combine(root, "data", "admin.key")).Should().BeTrue("the README reads data/admin.key from the repository root");
            log.Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal))
                .Should().BeEmpty("a first start logs nothing a newcomer would read as a fault");

            var local = example.Replace("localhost:5080", $"localhost:{port}", StringComparison.Ordinal);
            var lines = local.Split('\n');
            var placeholder = lines.Single(l => l.Contains("<id>", StringComparison.Ordinal));
            var created = await BashAsync(root, string.Join('\n', lines.Where(l => l != placeholder)));
            using var havip = JsonDocument.Parse(created);
            var id = havip.RootElement.GetProperty("id").GetString()!;
            var instance = havip.RootElement.GetProperty("instanceIds")[0].GetString()!;
            havip.RootElement.GetProperty("name").GetString().Should().Be("web");

            // The example's variables (K, S, I: reads only) again, then its last line filled in.
            var assignments = lines.Where(l => Assignment().IsMatch(l));
            var conf = await BashAsync(root, string.Join('\n', [.. assignments,
                placeholder.Replace("<id>", id, StringComparison.Ordinal).Replace("<instance>", instance, StringComparison.Ordinal)]));
            conf.Should().Contain("vrrp_instance").And.Contain(havip.RootElement.GetProperty("ipAddress").GetString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The first ```sh block after <paramref name="heading"/>.</summary>
    private static string ShellBlock(string readme, string heading)
    {
        var at = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the README has a section '{heading}'");
        var block = FencedShell().Match(readme, at);
        block.Success.Should().BeTrue($"the README's '{heading}' has a ```sh block");
        return block.Groups[1].Value.TrimEnd();
    }

    private static Process Start(string root, string command, ConcurrentQueue<string> log, TaskCompletionSource<Uri> listening)
    {
        var info = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Keep(log, e.Data, listening);
        process.ErrorDataReceived += (_, e) => Keep(log, e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> log, string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }
        log.Enqueue(line);
        if (ServerProcess.ListeningOn(line) is { } bound)
        {
            listening.TrySetResult(bound);
        }
    }

    private static async Task<string> BashAsync(string root, string script)
    {
        var info = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, $"the README's commands ran without error:\n{script}\nstderr: {await error}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaVip.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("the tests run outside the repository");
    }

    [GeneratedRegex("^[A-Z]+=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedShell();

    /// <summary>
    /// The repository root's <c>data</c> directory for the length of the test: a developer's own
    /// one is moved aside and put back, the test's is deleted.
    /// </summary>
    private sealed class ScratchDataDirectory : IAsyncDisposable
    {
        private readonly string _path;
        private readonly string? _saved;

        public ScratchDataDirectory(string path)
        {
            _path = path;
            if (Directory.Exists(path))
            {
                _saved = path + ".before-readme-test-" + Guid.NewGuid().ToString("N")[..8];
                Directory.Move(path, _saved);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (Directory.Exists(_path))
            {
                Directory.Delete(_path, recursive: true);
            }
            if (_saved is not null)
            {
                Directory.Move(_saved, _path);
            }
            return ValueTask.CompletedTask;
        }
    }
}
