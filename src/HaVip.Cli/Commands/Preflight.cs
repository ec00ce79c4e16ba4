using HaVip.Lab;
using HaVip.Linux.Namespaces;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>The checks every lab command makes first, with a message a person can act on.</summary>
internal static class Preflight
{
    public const int Unavailable = 3;

    public static bool CanRunLab(IAnsiConsole console)
    {
        if (Privileges.WhyNoLab() is not { } why)
        {
            return true;
        }
        console.MarkupLineInterpolated($"[red]havip: cannot run the lab:[/] {why}");
        return false;
    }

    public static TestBed? Attach(IAnsiConsole console, string stateDir)
    {
        var bed = TestBed.Attach(stateDir);
        if (bed is null)
        {
            console.MarkupLineInterpolated($"[red]havip: no lab is running[/] (nothing in {stateDir}); start one with [bold]havip up[/]");
        }
        return bed;
    }
}
