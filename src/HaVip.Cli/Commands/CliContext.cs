using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>
/// What the API commands talk to: the console for results, a writer for errors, the environment
/// (for HAVIP_SERVER and friends). Tests pass their own to capture output and pin the environment.
/// </summary>
internal sealed record CliContext(IAnsiConsole Out, TextWriter Error, Func<string, string?> Environment, HttpMessageHandler? Handler = null)
{
    public static CliContext FromProcess()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Piped into grep or a file there is no screen to fit: wrapped rows would split ids and lines.
            console.Profile.Width = 4096;
        }
        return new(console, Console.Error, System.Environment.GetEnvironmentVariable);
    }
}
