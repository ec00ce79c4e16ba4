using System.CommandLine;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Commands;

/// <summary>`havip vpc create|list|show|delete`.</summary>
internal static class VpcCommands
{
    public static Command Create(ApiScope scope)
    {
        var vpc = new Command("vpc", "VPCs: the private networks subnets and instances live in");
        vpc.Subcommands.Add(CreateVpc(scope));
        vpc.Subcommands.Add(List(scope));
        vpc.Subcommands.Add(Show(scope));
        vpc.Subcommands.Add(Delete(scope));
        return vpc;
    }

    private static Command CreateVpc(ApiScope scope)
    {
        var name = new Option<string>("--name") { Description = "Name of the VPC", Required = true };
        var cidr = new Option<string>("--cidr") { Description = "Address range, e.g. 10.0.0.0/16", Required = true };
        var command = new Command("create", "Create a VPC") { name, cidr };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.CreateVpcAsync(new CreateVpcRequest(call.Get(name), call.Get(cidr)), ct), InventoryTables.Vpc);
            return 0;
        });
        return command;
    }

    private static Command List(ApiScope scope)
    {
        var command = new Command("list", "List VPCs");
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            ListOptions.Print(call, await paging.ReadAsync(call, call.Api.ListVpcsAsync, ct), InventoryTables.Vpcs);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = new Argument<string>("vpc") { Description = "VPC id" };
        var command = new Command("show", "Show a VPC") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetVpcAsync(call.Get(id), ct), InventoryTables.Vpc);
            return 0;
        });
        return command;
    }

    private static Command Delete(ApiScope scope)
    {
        var id = new Argument<string>("vpc") { Description = "VPC id" };
        var command = new Command("delete", "Delete a VPC (refused while subnets or instances remain)") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            await call.Api.DeleteVpcAsync(call.Get(id), ct);
            call.Out.Note($"deleted {call.Get(id)}");
            return 0;
        });
        return command;
    }
}
