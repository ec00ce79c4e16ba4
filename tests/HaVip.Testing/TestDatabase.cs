using System.Collections.Concurrent;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HaVip.Testing;

/// <summary>
/// The database a test server runs on. By default a SQLite file in a temporary directory; with
/// HAVIP_TEST_POSTGRES set (an Npgsql connection string of a role that may create databases,
/// as .ci/run sets it) a fresh PostgreSQL database per fixture, dropped afterwards. The whole
/// component suite runs once per provider. The control-plane bench makes its scratch PostgreSQL
/// database with it too.
/// <para>
/// A migrated database on PostgreSQL is a copy (<c>CREATE DATABASE … TEMPLATE</c>) of one template
/// the process migrates once, from empty, with the server's own <see cref="DatabaseMigrator"/>:
/// applying every migration again for each of the component suite's few hundred test servers was
/// most of what made its PostgreSQL pass minutes longer than its SQLite one. The server still runs
/// its migrator at start and finds the schema current, as a restarted server does. An empty
/// database is for what must migrate from nothing itself (replicas racing to migrate).
/// </para>
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "HAVIP_TEST_POSTGRES";

    private readonly string? _adminConnection;
    private readonly string _name;

    /// <summary>Migrated templates, by admin connection string: one per process, made when first needed.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<string>> Templates = new();

    public TestDatabase()
        : this(Environment.GetEnvironmentVariable(PostgresVariable))
    {
    }

    /// <param name="migrated">On PostgreSQL, start from a copy of the migrated template rather than an empty database.</param>
    public TestDatabase(bool migrated)
        : this(Environment.GetEnvironmentVariable(PostgresVariable), migrated)
    {
    }

    /// <param name="postgres">A PostgreSQL role that may create databases; null or empty: SQLite.</param>
    /// <param name="migrated">On PostgreSQL, start from a copy of the migrated template rather than an empty database.</param>
    public TestDatabase(string? postgres, bool migrated = false)
    {
        _name = "havip_t_" + Guid.NewGuid().ToString("N");
        DataDir = Path.Combine(Path.GetTempPath(), "havip-test-" + Guid.NewGuid().ToString("N"));
        _adminConnection = postgres is { Length: > 0 } ? postgres : null;
        if (_adminConnection is not null)
        {
            if (migrated)
            {
                var template = Templates.GetOrAdd(_adminConnection, admin => new Lazy<string>(() => MakeTemplate(admin))).Value;
                Execute(_adminConnection, $"CREATE DATABASE {_name} TEMPLATE {template}");
            }
            else
            {
                Execute(_adminConnection, $"CREATE DATABASE {_name}");
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _name }.ConnectionString;
        }
    }

    public static bool UsesPostgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 };

    public string DataDir { get; }

    /// <summary>The server's --database value; null means SQLite in <see cref="DataDir"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>
    /// Drop the PostgreSQL database in the background rather than before <see cref="DisposeAsync"/>
    /// returns; <see cref="BackgroundDropsAsync"/> waits for every such drop (the component suite's
    /// assembly fixture does, at its end). A DROP DATABASE waits for a checkpoint of the whole
    /// cluster, seconds on a busy machine, which each test server's disposal waited for in turn;
    /// drops under way together share one.
    /// </summary>
    public bool DropInBackground { get; init; }

    /// <summary>Drops started by disposals with <see cref="DropInBackground"/>, not yet waited for.</summary>
    private static readonly ConcurrentQueue<Task> BackgroundDrops = new();

    /// <summary>Waits for the drop of every database disposed with <see cref="DropInBackground"/>; throws if one failed.</summary>
    public static async Task BackgroundDropsAsync()
    {
        while (BackgroundDrops.TryDequeue(out var drop))
        {
            await drop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A SQLite server closes its own database as it stops (SqlitePoolOwner); clearing every
        // SQLite pool here would close other test servers' databases under them.
        NpgsqlConnection.ClearAllPools();
        if (_adminConnection is not null)
        {
            var drop = Task.Run(DropAsync);
            if (DropInBackground)
            {
                BackgroundDrops.Enqueue(drop);
            }
            else
            {
                await drop;
            }
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task DropAsync()
    {
        // FORCE cannot end a backend another role owns (an autovacuum worker that just started
        // on the new database): such a backend is gone a moment later, so try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute(_adminConnection, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>
    /// Creates a database, migrates it as a server's start would, and closes it to connections (so
    /// no session, an autovacuum worker's included, can hold it while a copy is made). Dropped when
    /// the process exits.
    /// </summary>
    private static string MakeTemplate(string admin)
    {
        var name = "havip_tpl_" + Guid.NewGuid().ToString("N");
        Execute(admin, $"CREATE DATABASE {name}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Execute(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
            }
        };
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        using (var services = new ServiceCollection().AddHaVipStorage(new DatabaseSettings(DatabaseProvider.Postgres, connection)).BuildServiceProvider())
        using (var scope = services.CreateScope())
        {
            DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<HaVipDbContext>(), CancellationToken.None).GetAwaiter().GetResult();
        }
        Execute(admin, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        return name;
    }

    private static void Execute(string? admin, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
