using System.CommandLine;
using HaVip.Cli.Output;

namespace HaVip.Cli.Commands;

/// <summary>`havip host list|show`: the fleet's hypervisor hosts (admin key).</summary>
internal static class HostCommands
{
    public static Command Create(ApiScope scope)
    {
        var host = new Command("host", "Hypervisor hosts and their agents' liveness (admin)");
        host.Subcommands.Add(List(scope));
        host.Subcommands.Add(Show(scope));
        return host;
    }

    private static Command List(ApiScope scope)
    {
        var state = new Option<string?>("--state") { Description = "Only hosts in this state: ready, stale or unknown" };
        var command = new Command("list", "List hosts") { state };
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var page = await paging.ReadAsync(call, (p, c) => call.Api.ListHostsAsync(call.Get(state), p, c), ct);
            ListOptions.Print(call, page, HostTables.Hosts);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var name = new Argument<string>("host") { Description = "Host name" };
        var command = new Command("show", "Show a host and its history") { name };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetHostAsync(call.Get(name), ct), HostTables.Host);
            return 0;
        });
        return command;
    }
}
