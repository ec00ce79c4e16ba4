using HaVip.Domain.Errors;
using HaVip.Server.Access;
using HaVip.Server.Http;
using HaVip.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HaVip.Server.Console.Data;

/// <summary>
/// Runs each console operation in its own DI scope, in the signed-in key's account. A circuit
/// lives for hours; one DbContext for all of it would serve stale cached entities and carry a
/// failed write's leftovers. The key is checked again for every operation, so revoking it ends
/// an open console at its next click, not at its next page load.
/// </summary>
internal sealed class ConsoleOps(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, KeyStore keys, NavigationManager navigation)
{
    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull =>
        RunAsync(services => operation(services.GetRequiredService<TService>()));

    public Task RunAsync<TService>(Func<TService, Task> operation)
        where TService : notnull =>
        RunAsync<bool>(async services =>
        {
            await operation(services.GetRequiredService<TService>());
            return true;
        });

    /// <summary>
    /// Runs <paramref name="operation"/>. A database that does not answer or is too busy is refused
    /// as the API refuses it (Unavailable), so the page shows it beside the action and the operator
    /// can try again; thrown on, it would end the circuit and leave a page that no longer answers.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> operation)
    {
        await using var scope = await ScopeAsync();
        try
        {
            return await operation(scope.ServiceProvider);
        }
        catch (Exception e) when (e is not DomainException && (StorageErrors.IsUnavailable(e) || StorageErrors.IsConflict(e)))
        {
            throw new DomainException(ErrorCode.Unavailable, "the database is not answering or too busy right now; try again shortly.");
        }
    }

    /// <summary>Whether the signed-in key is an admin's: the fleet pages and their menu entry are for admins only.</summary>
    public async Task<bool> IsAdminAsync() => Caller.From((await authentication.GetAuthenticationStateAsync()).User)?.IsAdmin == true;

    /// <summary>Like <see cref="RunAsync{TService, T}"/>, for admins only: anyone else's call is refused here, whatever a page shows.</summary>
    public async Task<T> RunAsAdminAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull
    {
        if (!await IsAdminAsync())
        {
            throw new DomainException(ErrorCode.Forbidden, "Only an administrator's key may read the fleet.");
        }
        return await RunAsync(operation);
    }

    private async Task<AsyncServiceScope> ScopeAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var caller = Caller.From(state.User);
        if (caller is null || await keys.FindActiveAsync(caller.KeyId, CancellationToken.None) is null)
        {
            navigation.NavigateTo(ConsoleSession.LoginPath, forceLoad: true);
            throw new ConsoleSessionEndedException();
        }
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().Use(caller.AccountId);
        return scope;
    }
}

/// <summary>The session's key was revoked or expired; the console is on its way to the login page.</summary>
internal sealed class ConsoleSessionEndedException() : Exception("The console session ended: its key is no longer valid.");
