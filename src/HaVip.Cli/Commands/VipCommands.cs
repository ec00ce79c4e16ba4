using System.CommandLine;
using System.Globalization;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Cli.Commands;

/// <summary>`havip vip …`: HAVIPs, their bindings, keepalived.conf and timeline.</summary>
internal static partial class VipCommands
{
    public static Command Create(ApiScope scope)
    {
        var vip = new Command("vip", "Highly available virtual IPs");
        vip.Subcommands.Add(CreateVip(scope));
        vip.Subcommands.Add(List(scope));
        vip.Subcommands.Add(Show(scope));
        vip.Subcommands.Add(Rename(scope));
        vip.Subcommands.Add(Bind(scope));
        vip.Subcommands.Add(Unbind(scope));
        vip.Subcommands.Add(Replace(scope));
        vip.Subcommands.Add(Delete(scope));
        vip.Subcommands.Add(Keepalived(scope));
        vip.Subcommands.Add(Events(scope));
        return vip;
    }

    private static Argument<string> VipId() => new("vip") { Description = "HAVIP id" };

    private static Command CreateVip(ApiScope scope)
    {
        var name = new Option<string>("--name") { Description = "Name of the HAVIP", Required = true };
        var subnet = new Option<string>("--subnet") { Description = "Subnet id the address comes from", Required = true };
        var type = new Option<NetworkType?>("--type") { Description = "internal or external (default: the subnet's type)" }.Lowercase(typeof(NetworkType));
        var ip = new Option<string?>("--ip") { Description = "The address, IPv4 or IPv6 (default: the lowest free one)" };
        var version = new Option<IpVersion?>("--ip-version") { Description = "ipv4 or ipv6 when --ip is left out (default: ipv4; ipv6 needs a dual-stack subnet)" }.Lowercase(typeof(IpVersion));
        var instances = new Option<string[]>("--instance") { Description = "Bind this instance (repeat, at most 3)" };
        var remark = new Option<string?>("--remark") { Description = "Free text" };
        var command = new Command("create", "Create a HAVIP") { name, subnet, type, ip, version, instances, remark };
        var wait = new WaitOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            // The type must match the subnet's; asking the subnet saves the user from repeating it.
            var vipType = call.Get(type) ?? (await call.Api.GetSubnetAsync(call.Get(subnet), ct)).Type;
            var request = new CreateHaVipRequest(call.Get(name), vipType, call.Get(subnet), call.Get(remark), call.Get(ip), call.Parse.GetValue(instances) ?? [], call.Get(version));
            return await PrintAfterChangeAsync(call, wait, await call.Api.CreateHaVipAsync(request, ct), ct);
        });
        return command;
    }

    private static Command List(ApiScope scope)
    {
        var vpc = new Option<string?>("--vpc") { Description = "Only this VPC's HAVIPs" };
        var subnet = new Option<string?>("--subnet") { Description = "Only this subnet's HAVIPs" };
        var status = new Option<HaVipState?>("--status") { Description = "Only HAVIPs in this status" }.Lowercase(typeof(HaVipState));
        var instance = new Option<string?>("--instance") { Description = "Only HAVIPs bound to this instance" };
        var name = new Option<string?>("--name") { Description = "Only HAVIPs whose name contains this" };
        var health = new Option<string?>("--health")
        {
            Description = "Only HAVIPs with this health finding (split-brain, no-master, holder-silent, config-mismatch, vrid-conflict, rogue-advert, host-stale), or ok",
        };
        var command = new Command("list", "List HAVIPs") { vpc, subnet, status, instance, name, health };
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var filter = new HaVipListFilter(call.Get(vpc), call.Get(subnet), call.Get(status) is { } s ? Cells.Lower(s) : null, call.Get(instance), call.Get(name), call.Get(health));
            ListOptions.Print(call, await paging.ReadAsync(call, (p, c) => call.Api.ListHaVipsAsync(filter, p, c), ct), HaVipTables.List);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = VipId();
        var command = new Command("show", "Show a HAVIP, its VRRP cluster as the platform sees it, and its health findings") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetHaVipAsync(call.Get(id), ct), HaVipHealthTables.Show);
            return 0;
        });
        return command;
    }

    private static Command Rename(ApiScope scope)
    {
        var id = VipId();
        var name = new Argument<string?>("name") { Description = "The new name", Arity = ArgumentArity.ZeroOrOne };
        var remark = new Option<string?>("--remark") { Description = "The new remark (\"\" clears it)" };
        var command = new Command("rename", "Rename a HAVIP and/or change its remark") { id, name, remark };
        command.Validators.Add(r =>
        {
            if (r.GetValue(name) is null && r.GetValue(remark) is null)
            {
                r.AddError("give a new name, --remark, or both.");
            }
        });
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var vip = await call.Api.UpdateHaVipAsync(call.Get(id), new UpdateHaVipRequest(call.Get(name), call.Get(remark)), ct);
            call.Out.Print(vip, HaVipTables.Detail);
            return 0;
        });
        return command;
    }

    /// <summary>Prints the changed HAVIP; with --wait, first follows it until it settles.</summary>
    private static async Task<int> PrintAfterChangeAsync(ApiInvocation call, WaitOptions wait, HaVipDto vip, CancellationToken ct)
    {
        if (!wait.Enabled(call))
        {
            call.Out.Print(vip, HaVipTables.Detail);
            return 0;
        }
        var outcome = await VipWait.FollowAsync(call, [vip.Id], WaitGoal.Settled, wait.Timeout(call), ct);
        if (outcome.Last[vip.Id] is not { } last)
        {
            return call.Fail($"{vip.Id} was deleted while waiting.");
        }
        call.Out.Print(last, HaVipTables.Detail);
        if (outcome.TimedOut)
        {
            return call.Fail(string.Create(CultureInfo.InvariantCulture, $"gave up after {wait.Timeout(call).TotalSeconds} s: {vip.Id} is still {Cells.Lower(last.Status)}."));
        }
        return last.Status == HaVipState.Failed ? call.Fail($"{vip.Id} failed: {last.StatusReason ?? "no reason given"}") : 0;
    }
}
