using Microsoft.Data.Sqlite;

namespace HaVip.Storage;

/// <summary>
/// Owns one SQLite database's pooled connections: disposed with the server's services, it closes
/// them, and SQLite checkpoints the -wal file into the database and deletes it. Microsoft.Data.Sqlite
/// pools by connection string, process-wide; clearing every pool would close other servers'
/// databases in the same process (the component tests run many).
/// </summary>
public sealed class SqlitePoolOwner(string connectionString) : IDisposable
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>Closes the idle pooled connections of this connection string; those in use close when given back.</summary>
    public static void Clear(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose() => Clear(ConnectionString);
}
