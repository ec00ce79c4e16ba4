using System.CommandLine;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>`havip down`: stops every lab process and removes every namespace the lab made.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var command = new Command("down", "Remove the lab: processes, namespaces, state");
        command.SetAction(async (result, ct) =>
        {
            var console = AnsiConsole.Console;
            if (!Preflight.CanRunLab(console))
            {
                return Preflight.Unavailable;
            }
            var stateDir = result.GetValue(CliApp.StateDir)!;
            if (Preflight.Attach(console, stateDir) is not { } bed)
            {
                return 0;
            }
            await bed.DownAsync();
            bed.DeleteState();
            console.MarkupLine("[green]lab removed[/]");
            return 0;
        });
        return command;
    }
}
