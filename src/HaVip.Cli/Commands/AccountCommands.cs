using System.CommandLine;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Commands;

/// <summary>`havip account create|list|show` and `havip audit list`: what an admin key may do.</summary>
internal static class AccountCommands
{
    public static Command Create(ApiScope scope)
    {
        var account = new Command("account", "Accounts (tenants); admin only");
        account.Subcommands.Add(CreateAccount(scope));
        account.Subcommands.Add(List(scope));
        account.Subcommands.Add(Show(scope));
        return account;
    }

    public static Command Audit(ApiScope scope)
    {
        var account = new Option<string?>("--account") { Description = "Only this account's changes" };
        var list = new Command("list", "Changes made through the API, newest first") { account };
        var paging = new ListOptions(list);
        ApiAction.Set(list, scope, async (call, ct) =>
        {
            ListOptions.Print(call, await paging.ReadAsync(call, (p, c) => call.Api.ListAuditAsync(call.Get(account), p, c), ct), AccessTables.Audit);
            return 0;
        });
        var audit = new Command("audit", "The audit log; admin only");
        audit.Subcommands.Add(list);
        return audit;
    }

    private static Command CreateAccount(ApiScope scope)
    {
        var name = new Option<string>("--name") { Description = "Name of the account", Required = true };
        var command = new Command("create", "Create an account") { name };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.CreateAccountAsync(new CreateAccountRequest(call.Get(name)), ct), AccessTables.Account);
            return 0;
        });
        return command;
    }

    private static Command List(ApiScope scope)
    {
        var command = new Command("list", "List accounts");
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            ListOptions.Print(call, await paging.ReadAsync(call, call.Api.ListAccountsAsync, ct), AccessTables.Accounts);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = new Argument<string>("account") { Description = "Account id" };
        var command = new Command("show", "Show an account") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetAccountAsync(call.Get(id), ct), AccessTables.Account);
            return 0;
        });
        return command;
    }
}
