using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>Accounts, API keys and the audit log.</summary>
internal static class AccessTables
{
    public static IRenderable Accounts(IEnumerable<AccountDto> accounts)
    {
        var table = Cells.List("id", "name", "created");
        foreach (var a in accounts)
        {
            table.AddRow(Cells.Of(a.Id), Cells.Of(a.Name), Cells.Of(a.CreatedAt));
        }
        return table;
    }

    public static IRenderable Account(AccountDto a) => Cells.Detail(("id", Cells.Of(a.Id)), ("name", Cells.Of(a.Name)), ("created", Cells.Of(a.CreatedAt)));

    public static IRenderable Keys(IEnumerable<ApiKeyDto> keys)
    {
        var table = Cells.List("id", "name", "prefix", "role", "account", "host", "expires", "revoked", "last used");
        foreach (var k in keys)
        {
            table.AddRow(Cells.Of(k.Id), Cells.Of(k.Name), Cells.Of(k.Prefix), Cells.Of(Cells.Lower(k.Role)), Cells.Of(k.AccountId),
                Cells.Of(k.Host), Cells.Of(k.ExpiresAt), Cells.Of(k.RevokedAt), Cells.Of(k.LastUsedAt));
        }
        return table;
    }

    public static IRenderable Key(ApiKeyDto k) => Cells.Detail(
        ("id", Cells.Of(k.Id)), ("name", Cells.Of(k.Name)), ("prefix", Cells.Of(k.Prefix)), ("role", Cells.Of(Cells.Lower(k.Role))),
        ("account", Cells.Of(k.AccountId)), ("host", Cells.Of(k.Host)), ("rate limit", Cells.Of(k.RateLimitPerSecond)),
        ("created", Cells.Of(k.CreatedAt)), ("expires", Cells.Of(k.ExpiresAt)), ("revoked", Cells.Of(k.RevokedAt)),
        ("last used", Cells.Of(k.LastUsedAt)));

    public static IRenderable Audit(IEnumerable<AuditEntryDto> entries)
    {
        var table = Cells.List("at", "account", "key", "method", "path", "resource", "status", "code");
        foreach (var e in entries)
        {
            table.AddRow(Cells.Of(e.At), Cells.Of(e.AccountId), Cells.Of(e.KeyPrefix ?? e.KeyId), Cells.Of(e.Method), Cells.Of(e.Path),
                Cells.Of(e.ResourceId), Cells.Of(e.StatusCode), Cells.Of(e.Code));
        }
        return table;
    }
}
