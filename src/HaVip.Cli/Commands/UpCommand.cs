using System.CommandLine;
using HaVip.Lab;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>`havip up`: server + test bed + agents + a demo HAVIP bound to two instances on different hosts.</summary>
internal static class UpCommand
{
    private static readonly Option<string> Url = new("--url") { Description = "Where the server listens for the console and API", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    public static Command Create()
    {
        var command = new Command("up", "Start the server, a namespace lab with agents, and a demo HAVIP") { Url };
        command.SetAction((result, ct) => RunAsync(AnsiConsole.Console, result.GetValue(CliApp.StateDir)!, result.GetValue(Url)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string stateDir, string url, CancellationToken ct)
    {
        if (!Preflight.CanRunLab(console))
        {
            return Preflight.Unavailable;
        }
        if (TestBed.Attach(stateDir) is not null)
        {
            console.MarkupLineInterpolated($"[yellow]havip: a lab is already running[/] ({stateDir}); [bold]havip down[/] first");
            return 1;
        }
        Directory.CreateDirectory(stateDir);
        var bed = await TestBed.UpAsync(LabSpec.Demo(stateDir), url, step => console.MarkupLineInterpolated($"[grey]• {step}[/]"), ct);
        console.MarkupLine("[grey]• creating the demo HAVIPs (IPv4, and IPv6 in the dual-stack subnet) and starting keepalived[/]");
        var vips = await DemoHaVip.CreateAsync(bed, ct);
        Summary.Print(console, bed, vips, url);
        return 0;
    }
}
