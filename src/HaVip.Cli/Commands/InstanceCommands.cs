using System.CommandLine;
using System.CommandLine.Parsing;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Commands;

/// <summary>`havip instance create|list|show|rename|delete`.</summary>
internal static class InstanceCommands
{
    public static Command Create(ApiScope scope)
    {
        var instance = new Command("instance", "Instances (VMs) and their NICs");
        instance.Subcommands.Add(CreateInstance(scope));
        instance.Subcommands.Add(List(scope));
        instance.Subcommands.Add(Show(scope));
        instance.Subcommands.Add(Rename(scope));
        instance.Subcommands.Add(Delete(scope));
        return instance;
    }

    private static Command CreateInstance(ApiScope scope)
    {
        var name = new Option<string>("--name") { Description = "Name of the instance", Required = true };
        var vpc = new Option<string>("--vpc") { Description = "VPC id", Required = true };
        var nics = new Option<CreateNicRequest[]>("--nic")
        {
            Description = "A NIC as subnet[:ip][,ipv6] or subnet:ipv6 (repeat for more; an address left out is allocated)",
            CustomParser = ParseNics,
            AllowMultipleArgumentsPerToken = false,
        };
        var host = new Option<string?>("--host") { Description = "The hypervisor host it runs on" };
        var command = new Command("create", "Create an instance") { name, vpc, nics, host };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var request = new CreateInstanceRequest(call.Get(name), call.Get(vpc), call.Parse.GetValue(nics) ?? [], call.Get(host));
            call.Out.Print(await call.Api.CreateInstanceAsync(request, ct), InventoryTables.Instance);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// "subnet-x", "subnet-x:10.0.1.5", "subnet-x:fd00::5" or "subnet-x:10.0.1.5,fd00::5": the
    /// addresses are optional, so the first colon splits them from the subnet id (which has none);
    /// each address goes to its family's field by its spelling (an IPv6 address has colons), and
    /// the server validates it.
    /// </summary>
    private static CreateNicRequest[] ParseNics(ArgumentResult result) =>
        result.Tokens.Select(t =>
        {
            var colon = t.Value.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return new CreateNicRequest(t.Value);
            }
            var addresses = t.Value[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
            var ipv6 = addresses.Where(a => a.Contains(':', StringComparison.Ordinal)).ToArray();
            var ipv4 = addresses.Except(ipv6).ToArray();
            if (ipv4.Length > 1 || ipv6.Length > 1)
            {
                result.AddError($"--nic {t.Value}: a NIC takes one IPv4 and one IPv6 address at most (subnet:IPv4,IPv6)");
            }
            return new CreateNicRequest(t.Value[..colon], IpAddress: ipv4.FirstOrDefault(), Ipv6Address: ipv6.FirstOrDefault());
        }).ToArray();

    private static Command List(ApiScope scope)
    {
        var vpc = new Option<string?>("--vpc") { Description = "Only this VPC's instances" };
        var subnet = new Option<string?>("--subnet") { Description = "Only instances with a NIC in this subnet" };
        var command = new Command("list", "List instances") { vpc, subnet };
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var page = await paging.ReadAsync(call, (p, c) => call.Api.ListInstancesAsync(call.Get(vpc), call.Get(subnet), p, c), ct);
            ListOptions.Print(call, page, InventoryTables.Instances);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = new Argument<string>("instance") { Description = "Instance id" };
        var command = new Command("show", "Show an instance") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetInstanceAsync(call.Get(id), ct), InventoryTables.Instance);
            return 0;
        });
        return command;
    }

    private static Command Rename(ApiScope scope)
    {
        var id = new Argument<string>("instance") { Description = "Instance id" };
        var name = new Argument<string>("name") { Description = "The new name" };
        var command = new Command("rename", "Rename an instance") { id, name };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.UpdateInstanceAsync(call.Get(id), new UpdateInstanceRequest(Name: call.Get(name)), ct), InventoryTables.Instance);
            return 0;
        });
        return command;
    }

    private static Command Delete(ApiScope scope)
    {
        var id = new Argument<string>("instance") { Description = "Instance id" };
        var command = new Command("delete", "Delete an instance (unbinds it from its HAVIPs)") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            await call.Api.DeleteInstanceAsync(call.Get(id), ct);
            call.Out.Note($"deleted {call.Get(id)}");
            return 0;
        });
        return command;
    }
}
