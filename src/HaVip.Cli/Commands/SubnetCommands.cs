using System.CommandLine;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Commands;

/// <summary>`havip subnet create|list|show|update|delete`.</summary>
internal static class SubnetCommands
{
    public static Command Create(ApiScope scope)
    {
        var subnet = new Command("subnet", "Subnets of a VPC, internal or external");
        subnet.Subcommands.Add(CreateSubnet(scope));
        subnet.Subcommands.Add(List(scope));
        subnet.Subcommands.Add(Show(scope));
        subnet.Subcommands.Add(Update(scope));
        subnet.Subcommands.Add(Delete(scope));
        return subnet;
    }

    private static Command CreateSubnet(ApiScope scope)
    {
        var vpc = new Option<string>("--vpc") { Description = "VPC id", Required = true };
        var name = new Option<string>("--name") { Description = "Name of the subnet", Required = true };
        var cidr = new Option<string>("--cidr") { Description = "Address range inside the VPC's, e.g. 10.0.1.0/24", Required = true };
        var type = new Option<NetworkType>("--type") { Description = "internal or external", DefaultValueFactory = _ => NetworkType.Internal }.Lowercase(typeof(NetworkType));
        var gateway = new Option<string?>("--gateway") { Description = "Gateway address (default: the first host of the CIDR)" };
        var ipv6 = new Option<string?>("--ipv6-cidr") { Description = "An IPv6 /64 beside the IPv4 CIDR (dual stack), e.g. fd00:10:1::/64" };
        var command = new Command("create", "Create a subnet") { vpc, name, cidr, type, gateway, ipv6 };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var request = new CreateSubnetRequest(call.Get(vpc), call.Get(name), call.Get(cidr), call.Get(type), call.Get(gateway), call.Get(ipv6));
            call.Out.Print(await call.Api.CreateSubnetAsync(request, ct), InventoryTables.Subnet);
            return 0;
        });
        return command;
    }

    private static Command List(ApiScope scope)
    {
        var vpc = new Option<string?>("--vpc") { Description = "Only this VPC's subnets" };
        var command = new Command("list", "List subnets") { vpc };
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var page = await paging.ReadAsync(call, (p, c) => call.Api.ListSubnetsAsync(call.Get(vpc), p, c), ct);
            ListOptions.Print(call, page, InventoryTables.Subnets);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = new Argument<string>("subnet") { Description = "Subnet id" };
        var command = new Command("show", "Show a subnet") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetSubnetAsync(call.Get(id), ct), InventoryTables.Subnet);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// PATCH /v1/subnets/{id}: an IPv6 /64 makes an IPv4-only subnet dual-stack, and the server
    /// gives every NIC already in it an IPv6 address in the same change; the note says where to see them.
    /// </summary>
    private static Command Update(ApiScope scope)
    {
        var id = new Argument<string>("subnet") { Description = "Subnet id" };
        var ipv6 = new Option<string>("--ipv6-cidr") { Description = "An IPv6 /64 for an IPv4-only subnet (dual stack; its NICs get IPv6 addresses), e.g. fd00:10:1::/64", Required = true };
        var command = new Command("update", "Make an IPv4-only subnet dual-stack") { id, ipv6 };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var subnet = await call.Api.UpdateSubnetAsync(call.Get(id), new UpdateSubnetRequest(call.Get(ipv6)), ct);
            call.Out.Print(subnet, InventoryTables.Subnet);
            call.Out.Note($"its NICs' IPv6 addresses: havip instance list --subnet {subnet.Id}");
            return 0;
        });
        return command;
    }

    private static Command Delete(ApiScope scope)
    {
        var id = new Argument<string>("subnet") { Description = "Subnet id" };
        var command = new Command("delete", "Delete a subnet (refused while instances or HAVIPs use it)") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            await call.Api.DeleteSubnetAsync(call.Get(id), ct);
            call.Out.Note($"deleted {call.Get(id)}");
            return 0;
        });
        return command;
    }
}
