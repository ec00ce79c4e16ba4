namespace HaVip.Linux.Commands;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command line and its stderr, which is what an operator needs to see.</summary>
    public CommandResult ThrowIfFailed() =>
        Succeeded ? this : throw new CommandFailedException(this);
}

public sealed class CommandFailedException(CommandResult result)
    : Exception($"'{result.Command}' exited with {result.ExitCode}: {result.Error.Trim()}")
{
    public CommandResult Result { get; } = result;
}
