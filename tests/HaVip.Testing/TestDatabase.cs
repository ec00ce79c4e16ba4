using Npgsql;

namespace HaVip.Testing;

/// <summary>
/// The database a test server runs on. By default a SQLite file in a temporary directory; with
/// HAVIP_TEST_POSTGRES set (an Npgsql connection string of a role that may create databases,
/// as .ci/run sets it) a fresh PostgreSQL database per fixture, dropped afterwards. The whole
/// component suite runs once per provider. The control-plane bench makes its scratch PostgreSQL
/// database with it too.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "HAVIP_TEST_POSTGRES";

    private readonly string? _adminConnection;
    private readonly string _name;

    public TestDatabase()
        : this(Environment.GetEnvironmentVariable(PostgresVariable))
    {
    }

    /// <param name="postgres">A PostgreSQL role that may create databases; null or empty: SQLite.</param>
    public TestDatabase(string? postgres)
    {
        _name = "havip_t_" + Guid.NewGuid().ToString("N");
        DataDir = Path.Combine(Path.GetTempPath(), "havip-test-" + Guid.NewGuid().ToString("N"));
        _adminConnection = postgres is { Length: > 0 } ? postgres : null;
        if (_adminConnection is not null)
        {
            Execute($"CREATE DATABASE {_name}");
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _name }.ConnectionString;
        }
    }

    public static bool UsesPostgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 };

    public string DataDir { get; }

    /// <summary>The server's --database value; null means SQLite in <see cref="DataDir"/>.</summary>
    public string? ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_adminConnection is not null)
        {
            // FORCE cannot end a backend another role owns (an autovacuum worker that just started
            // on the new database): such a backend is gone a moment later, so try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Task.Run(() => Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)"));
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    await Task.Delay(250);
                }
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

    private void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
