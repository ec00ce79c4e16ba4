using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HaVip.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddHaVipStorage(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        return settings.Provider == DatabaseProvider.Postgres
            ? services.AddPooled<PostgresHaVipDbContext>((_, options) => options
                .UseNpgsql(PostgresPoolDefaults.Apply(settings.ConnectionString), pg => pg.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)))
            : services.AddHaVipSqlite(settings.ConnectionString);
    }

    /// <summary>
    /// Contexts come from a pool, each bound to its unit of work's <see cref="AccountScope"/> and
    /// given back when the DI scope ends. A new context per request cost a fifth of a keyed GET's
    /// CPU in a profile (EF building the context's internal services); a pooled one is only reset.
    /// </summary>
    private static IServiceCollection AddPooled<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : HaVipDbContext
    {
        services.AddPooledDbContextFactory<TContext>(configure);
        services.TryAddScoped<AccountScope>();
        services.AddScoped<HaVipDbContext>(provider =>
            provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext().BoundTo(provider.GetRequiredService<AccountScope>()));
        return services;
    }

    /// <summary>The channel every committed PostgreSQL write notifies (LISTEN to learn of changes made elsewhere).</summary>
    public const string ChangeChannel = PostgresHaVipDbContext.ChangeChannel;

    /// <summary>The embedded default: one SQLite file in WAL mode.</summary>
    private static IServiceCollection AddHaVipSqlite(this IServiceCollection services, string databaseFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!;
        // The database is its owner's alone; the server also tightens a directory it finds looser.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        SqliteProcessSettings.Apply();
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // The container makes the pool's owner as it builds the contexts' options, so it disposes
        // it (closing the file's pooled connections) when the server stops.
        services.AddSingleton(_ => new SqlitePoolOwner(connectionString));
        services.AddPooled<SqliteHaVipDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<SqlitePoolOwner>().ConnectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            // A SQLite table rebuild turns foreign keys off outside the migration's transaction. On a
            // new database there is nothing to lose; an existing one is copied first (DatabaseMigrator).
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)))
            .AddInterceptors(new SqlitePragmaInterceptor()));
        return services;
    }
}
