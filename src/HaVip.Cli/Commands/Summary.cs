using HaVip.Contracts.Api;
using HaVip.Lab;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>What `havip up` prints: where to look and what to try.</summary>
internal static class Summary
{
    public static void Print(IAnsiConsole console, TestBed bed, IReadOnlyList<HaVipDto> vips, string url)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("instance").AddColumn("host").AddColumn("namespace");
        foreach (var (name, host) in bed.State.Hosts.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            table.AddRow(name, host, bed.Names.Vm(name));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"[green]HaVip is up.[/] Console: [link]{url}[/]   API reference: {url}/docs");
        if (File.Exists(bed.AdminKeyFile))
        {
            console.MarkupLineInterpolated($"Admin key: {bed.AdminKeyFile}   [grey]havip vip list --server {url} --key \"$(sudo cat {bed.AdminKeyFile})\"[/]");
        }
        foreach (var demo in vips)
        {
            console.MarkupLineInterpolated($"Demo HAVIP [bold]{demo.Id}[/] {demo.IpAddress} ({demo.IpVersion.ToString().ToLowerInvariant()}, {demo.Status.ToString().ToLowerInvariant()}), bound to {string.Join(", ", DemoHaVip.Instances)}; master: [bold]{MasterOf(bed, demo)}[/]");
        }
        var vip = vips[0];
        var master = MasterOf(bed, vip);
        console.WriteLine();
        console.MarkupLine("Next steps:");
        foreach (var demo in vips)
        {
            console.MarkupLineInterpolated($"  havip lab probe {demo.IpAddress}        [grey]# who answers, continuously (run in a second terminal)[/]");
        }
        console.MarkupLineInterpolated($"  havip lab fail {master}              [grey]# its link goes down; the backup takes over[/]");
        console.MarkupLineInterpolated($"  havip lab restore {master}           [grey]# link back up; nopreempt keeps the new master[/]");
        console.MarkupLine("  havip lab fail <instance> --kill   [grey]# kill its VRRP instead[/]");
        console.MarkupLineInterpolated($"  curl {url}/v1/havips/{vip.Id}/events");
        console.MarkupLine("  havip down                         [grey]# remove everything[/]");
    }

    private static string MasterOf(TestBed bed, HaVipDto vip) => vip.MasterInstanceId is { } id ? bed.NameOf(id) : "(not elected yet)";
}
