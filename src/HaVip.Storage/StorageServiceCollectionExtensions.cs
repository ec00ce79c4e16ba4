using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaVip.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddHaVipStorage(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        return settings.Provider == DatabaseProvider.Postgres
            ? services.AddDbContext<HaVipDbContext, PostgresHaVipDbContext>(options => options
                .UseNpgsql(PostgresPoolDefaults.Apply(settings.ConnectionString), pg => pg.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
                ServiceLifetime.Scoped, OptionsLifetime)
            : services.AddHaVipSqlite(settings.ConnectionString);
    }

    /// <summary>
    /// The options are the same for every request, so they are built once rather than again in
    /// every request's scope (the default lifetime).
    /// </summary>
    private const ServiceLifetime OptionsLifetime = ServiceLifetime.Singleton;

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
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        services.AddDbContext<HaVipDbContext, SqliteHaVipDbContext>(options => options
            .UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            // A SQLite table rebuild turns foreign keys off outside the migration's transaction. On a
            // new database there is nothing to lose; an existing one is copied first (DatabaseMigrator).
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)))
            .AddInterceptors(new SqlitePragmaInterceptor()), ServiceLifetime.Scoped, OptionsLifetime);
        return services;
    }
}
