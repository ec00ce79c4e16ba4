using System.CommandLine;
using System.Text.Json;
using HaVip.Cli.Commands;
using HaVip.Contracts.Api;
using Spectre.Console;

namespace HaVip.Cli.Tests.Fixtures;

/// <summary>What one `havip …` run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public T Json<T>() => JsonSerializer.Deserialize<T>(Out, ApiJson.Options)
        ?? throw new InvalidOperationException($"no JSON in: {Out}");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the `havip` command tree in-process against the test server, with a captured console
/// (no colours, wide enough that no table wraps) and an empty environment, so nothing of the
/// machine's HAVIP_* settings leaks in.
/// </summary>
public sealed class CliRunner(Uri server, string? key = TestKeys.Admin)
{
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public HttpMessageHandler? Handler { get; init; }

    public Task<CliResult> RunAsync(params string[] args) => RunRawAsync([.. args, "--server", server.ToString(), .. KeyArgs()]);

    public async Task<CliResult> RunRawAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 300;
        var context = new CliContext(console, error, name => Environment.TryGetValue(name, out var value) ? value : null, Handler);
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        var exit = await CliApp.Build(context).Parse(args).InvokeAsync(invocation, TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs and insists on success: the JSON of a command that must work.</summary>
    public async Task<T> JsonAsync<T>(params string[] args)
    {
        var result = await RunAsync([.. args, "--output", "json"]);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Json<T>();
    }

    private string[] KeyArgs() => key is null ? [] : ["--key", key];
}
