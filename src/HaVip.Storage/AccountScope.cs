using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Storage;

/// <summary>
/// Whose rows a unit of work sees. Every query of a tenant's resources is filtered by it (global
/// query filters on <see cref="HaVipDbContext"/>), so a forgotten check cannot leak another
/// account's rows. Unset, it sees nothing: a code path that forgets to choose fails closed.
/// </summary>
public sealed class AccountScope
{
    public string? AccountId { get; private set; }

    /// <summary>Platform work (agents, deadlines, metrics) that spans every account.</summary>
    public bool AllAccounts { get; private set; }

    public void Use(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        AccountId = accountId;
        AllAccounts = false;
    }

    /// <summary>The account new resources belong to; a unit of work that spans every account creates none.</summary>
    public string RequireAccountId() =>
        AccountId ?? throw new InvalidOperationException("No account was chosen for this unit of work.");

    public void UseAll()
    {
        AccountId = null;
        AllAccounts = true;
    }
}

public static class AccountScopeFactoryExtensions
{
    /// <summary>A DI scope for platform work (agents' reports, deadlines, the audit writer) that sees every account.</summary>
    public static AsyncServiceScope CreateAllAccountsScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().UseAll();
        return scope;
    }
}
