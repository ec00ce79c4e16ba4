using System.CommandLine;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>`havip lab fail|restore &lt;instance&gt;`: break an instance the way real ones break.</summary>
internal static class LabCommands
{
    private static readonly Argument<string> Instance = new("instance") { Description = "Instance name, e.g. havip-01" };
    private static readonly Option<bool> Kill = new("--kill") { Description = "Kill its VRRP daemon instead of taking its link down" };
    private static readonly Option<string> Device = new("--device") { Description = "Which NIC", DefaultValueFactory = _ => "eth0" };

    public static Command Fail()
    {
        var command = new Command("fail", "Take an instance's link down (or --kill its VRRP)") { Instance, Kill, Device };
        command.SetAction((result, ct) => WithLabAsync(result, async (bed, console, name) =>
        {
            if (result.GetValue(Kill))
            {
                await bed.KillVrrpAsync(name);
                console.MarkupLineInterpolated($"killed keepalived in {name}");
            }
            else
            {
                await bed.FailLinkAsync(name, result.GetValue(Device)!, ct);
                console.MarkupLineInterpolated($"{name}: {result.GetValue(Device)} is down");
            }
        }));
        return command;
    }

    public static Command Restore()
    {
        var command = new Command("restore", "Bring an instance's link back up") { Instance, Device };
        command.SetAction((result, ct) => WithLabAsync(result, async (bed, console, name) =>
        {
            await bed.RestoreLinkAsync(name, result.GetValue(Device)!, ct);
            console.MarkupLineInterpolated($"{name}: {result.GetValue(Device)} is up");
        }));
        return command;
    }

    private static async Task<int> WithLabAsync(ParseResult result, Func<HaVip.Lab.TestBed, IAnsiConsole, string, Task> act)
    {
        var console = AnsiConsole.Console;
        if (!Preflight.CanRunLab(console))
        {
            return Preflight.Unavailable;
        }
        if (Preflight.Attach(console, result.GetValue(CliApp.StateDir)!) is not { } bed)
        {
            return 1;
        }
        var name = result.GetValue(Instance)!;
        if (!bed.State.InstanceIds.ContainsKey(name))
        {
            console.MarkupLineInterpolated($"[red]havip: no instance {name} in the lab[/] (have: {string.Join(", ", bed.State.InstanceIds.Keys)})");
            return 1;
        }
        await act(bed, console, name);
        return 0;
    }
}
