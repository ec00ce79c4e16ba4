using Npgsql;

namespace HaVip.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the control plane keeps its state: a SQLite file (default) or a PostgreSQL database.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// <paramref name="database"/> is empty (SQLite in <paramref name="dataDirectory"/>), a
    /// postgres:// or postgresql:// URL, or an Npgsql connection string ("Host=…").
    /// </summary>
    public static DatabaseSettings Resolve(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(dataDirectory, "havip.db"));
        }
        if (Uri.TryCreate(database, UriKind.Absolute, out var url) && url.Scheme is "postgres" or "postgresql")
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, FromUrl(url));
        }
        if (database.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(database).ConnectionString);
        }
        throw new ArgumentException($"--database must be a postgres:// URL or an Npgsql connection string, not '{database}'.", nameof(database));
    }

    private static string FromUrl(Uri url)
    {
        var user = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
            Username = user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return builder.ConnectionString;
    }
}
