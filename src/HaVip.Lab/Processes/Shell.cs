using HaVip.Linux.Commands;

namespace HaVip.Lab.Processes;

/// <summary>
/// A short command (ip, kill) run to completion for code that cannot await (the havipd network
/// tests and the failover benchmark poll from plain threads): HaVip.Linux's
/// <see cref="CommandRunner"/>, waited for. Output is stdout then stderr.
/// </summary>
public static class Shell
{
    private static readonly CommandRunner Commands = new();

    /// <exception cref="InvalidOperationException">The command failed; the message holds its output.</exception>
    public static string Run(string file, params string[] args) =>
        Try(file, args, out var output) ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {output}");

    public static bool Try(string file, string[] args, out string output)
    {
        // Task.Run: no caller's synchronization context is captured by the runner's awaits.
        var result = Task.Run(() => Commands.RunAsync(file, args)).GetAwaiter().GetResult();
        output = result.Output + result.Error;
        return result.Succeeded;
    }

    public static string Ip(params string[] args) => Run("ip", args);
}
