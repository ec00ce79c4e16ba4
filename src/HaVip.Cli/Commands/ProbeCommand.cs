using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>`havip lab probe &lt;vip&gt;`: connects from the client instance again and again and shows who answers, and the gaps.</summary>
internal static class ProbeCommand
{
    private static readonly Argument<string> Vip = new("vip") { Description = "The HAVIP's address" };
    private static readonly Option<double> Interval = new("--interval") { Description = "Seconds between probes", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<int> Count = new("--count") { Description = "Stop after this many probes (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };

    public static Command Create()
    {
        var command = new Command("probe", "Show which instance answers on the VIP, continuously") { Vip, Interval, Count };
        command.SetAction(async (result, ct) =>
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
            if (!System.Net.IPAddress.TryParse(result.GetValue(Vip), out var address))
            {
                console.MarkupLineInterpolated($"[red]havip: {result.GetValue(Vip)} is not an IPv4 or IPv6 address[/]");
                return 1;
            }
            var interval = TimeSpan.FromSeconds(result.GetValue(Interval));
            var count = result.GetValue(Count);
            var lines = new ProbeLine();
            console.MarkupLineInterpolated($"probing {new System.Net.IPEndPoint(address, HaVip.Lab.LabSpec.ResponderPort)} from the client every {interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (Ctrl+C to stop)");
            for (var i = 0; (count == 0 || i < count) && !ct.IsCancellationRequested; i++)
            {
                var answer = await bed.ProbeAsync(result.GetValue(Vip)!, TimeSpan.FromMilliseconds(500));
                if (lines.Next(answer, DateTime.Now) is { } line)
                {
                    console.WriteLine(line);
                }
                await Task.Delay(interval, CancellationToken.None);
            }
            return 0;
        });
        return command;
    }
}
