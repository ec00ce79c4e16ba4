using System.Diagnostics;

namespace HaVip.Linux.Commands;

/// <summary>
/// Runs <c>ip</c>, <c>bridge</c> and <c>nft</c>: the one place that spawns processes, so the rest
/// renders text and arguments and stays testable. Stdin feeds <c>nft -f -</c>.
/// </summary>
public class CommandRunner
{
    public virtual async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(ct);
        return new CommandResult($"{file} {string.Join(' ', arguments)}", process.ExitCode, await output, await error);
    }

    public async Task<CommandResult> RunCheckedAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default) =>
        (await RunAsync(file, arguments, input, ct)).ThrowIfFailed();
}
