using HaVip.Contracts.Api;
using HaVip.Lab;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>What `havip up` prints: where to look and what to try.</summary>
internal static class Summary
{
    public static void Print(IAnsiConsole console, TestBed bed, HaVipDto vip, string url)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("instance").AddColumn("host").AddColumn("namespace");
        foreach (var (name, host) in bed.State.Hosts.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            table.AddRow(name, host, bed.Names.Vm(name));
        }
        console.Write(table);
        var master = vip.MasterInstanceId is { } id ? bed.NameOf(id) : "(not elected yet)";
        console.MarkupLineInterpolated($"[green]HaVip is up.[/] Console: [link]{url}[/]   API reference: {url}/docs");
        if (File.Exists(bed.AdminKeyFile))
        {
            console.MarkupLineInterpolated($"Admin key: {bed.AdminKeyFile}   [grey]havip vip list --server {url} --key \"$(sudo cat {bed.AdminKeyFile})\"[/]");
        }
        console.MarkupLineInterpolated($"Demo HAVIP [bold]{vip.Id}[/] {vip.IpAddress} ({vip.Status.ToString().ToLowerInvariant()}), bound to {string.Join(", ", DemoHaVip.Instances)}; master: [bold]{master}[/]");
        console.WriteLine();
        console.MarkupLine("Next steps:");
        console.MarkupLineInterpolated($"  havip lab probe {vip.IpAddress}        [grey]# who answers, continuously (run in a second terminal)[/]");
        console.MarkupLineInterpolated($"  havip lab fail {master}              [grey]# its link goes down; the backup takes over[/]");
        console.MarkupLineInterpolated($"  havip lab restore {master}           [grey]# link back up; nopreempt keeps the new master[/]");
        console.MarkupLine("  havip lab fail <instance> --kill   [grey]# kill its VRRP instead[/]");
        console.MarkupLineInterpolated($"  curl {url}/v1/havips/{vip.Id}/events");
        console.MarkupLine("  havip down                         [grey]# remove everything[/]");
    }
}
