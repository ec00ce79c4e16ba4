using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The embedded default: one SQLite file in <paramref name="dataDirectory"/>, in WAL mode.</summary>
    public static IServiceCollection AddHaVipSqlite(this IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "havip.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        services.AddDbContext<HaVipDbContext, SqliteHaVipDbContext>(options => options
            .UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(new SqlitePragmaInterceptor()));
        return services;
    }
}
