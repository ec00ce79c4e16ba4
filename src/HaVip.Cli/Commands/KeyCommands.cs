using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>`havip key create|list|show|expire|revoke`: API keys.</summary>
internal static class KeyCommands
{
    public static Command Create(ApiScope scope)
    {
        var key = new Command("key", "API keys (the secret is shown once, at create)");
        key.Subcommands.Add(CreateKey(scope));
        key.Subcommands.Add(List(scope));
        key.Subcommands.Add(Show(scope));
        key.Subcommands.Add(Expire(scope));
        key.Subcommands.Add(Revoke(scope));
        return key;
    }

    private static Argument<string> KeyId() => new("key") { Description = "Key id" };

    private static Command CreateKey(ApiScope scope)
    {
        var name = new Option<string>("--name") { Description = "What the key is for", Required = true };
        var account = new Option<string?>("--account") { Description = "Account id (default: your own; only an admin names another)" };
        var role = new Option<KeyRole?>("--role") { Description = "tenant (default), admin or agent" }.Lowercase(typeof(KeyRole));
        var host = new Option<string?>("--host") { Description = "The host an agent key belongs to" };
        var expires = new Option<DateTime?>("--expires")
        {
            Description = "When it stops working: a UTC time (2026-12-31T00:00:00Z) or a duration from now (90d, 12h, 30m)",
            CustomParser = ParseExpiry,
        };
        var rate = new Option<int?>("--rate-limit") { Description = "Requests per second the key may make" };
        var command = new Command("create", "Create an API key") { name, account, role, host, expires, rate };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var request = new CreateApiKeyRequest(call.Get(name), call.Get(account), call.Get(role), call.Get(host), call.Get(expires), call.Get(rate));
            var created = await call.Api.CreateKeyAsync(request, ct);
            call.Out.Print(created, c => new Rows(
                AccessTables.Key(c.Key),
                // A replayed creation (a retry the server had already answered) carries no secret: it is shown only once.
                c.Secret is null
                    ? new Markup("[red]secret: not in this answer (a replay of a creation already answered); revoke this key and create another[/]")
                    : new Markup($"secret: [bold]{Markup.Escape(c.Secret)}[/]"),
                new Markup("[yellow]Store it now: it is not shown again.[/]")));
            return 0;
        });
        return command;
    }

    /// <summary>A time, or a duration from now: "90d" is easier to type than a date a quarter away.</summary>
    private static DateTime? ParseExpiry(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value.Trim();
        if (text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => null,
            };
            if (span is { } s)
            {
                return DateTime.UtcNow + s;
            }
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        result.AddError($"'{text}' is neither a time (2026-12-31T00:00:00Z) nor a duration (90d, 12h, 30m).");
        return null;
    }

    private static Command List(ApiScope scope)
    {
        var account = new Option<string?>("--account") { Description = "Only this account's keys (admin)" };
        var command = new Command("list", "List API keys (never their secrets)") { account };
        var paging = new ListOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            ListOptions.Print(call, await paging.ReadAsync(call, (p, c) => call.Api.ListKeysAsync(call.Get(account), p, c), ct), AccessTables.Keys);
            return 0;
        });
        return command;
    }

    private static Command Show(ApiScope scope)
    {
        var id = KeyId();
        var command = new Command("show", "Show an API key") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.GetKeyAsync(call.Get(id), ct), AccessTables.Key);
            return 0;
        });
        return command;
    }

    private static Command Expire(ApiScope scope)
    {
        var id = KeyId();
        var command = new Command("expire", "Expire an API key now (it stays listed)") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.UpdateKeyAsync(call.Get(id), new UpdateApiKeyRequest(ExpiresAt: DateTime.UtcNow), ct), AccessTables.Key);
            return 0;
        });
        return command;
    }

    private static Command Revoke(ApiScope scope)
    {
        var id = KeyId();
        var command = new Command("revoke", "Revoke an API key") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            await call.Api.RevokeKeyAsync(call.Get(id), ct);
            call.Out.Note($"revoked {call.Get(id)}");
            return 0;
        });
        return command;
    }
}
