namespace HaVip.Server.Console.Data;

/// <summary>
/// Runs each console operation in its own DI scope. A circuit lives for hours; one DbContext
/// for all of it would serve stale cached entities and carry a failed write's leftovers.
/// </summary>
internal sealed class ConsoleOps(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> operation)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider);
    }
}
