using Npgsql;

namespace HaVip.Storage;

/// <summary>
/// Connection settings that make each request cheaper for the database, applied under whatever
/// the operator's connection string says (a value given there wins):
/// <list type="bullet">
/// <item>Max Auto Prepare: the handful of statements every read and write repeats are prepared
/// once per pooled connection, so PostgreSQL stops parsing and planning them per request.</item>
/// <item>No Reset On Close: EF opens and closes the pooled connection around every query, and
/// the reset (DISCARD ALL or its equivalent) would run again each time. No pooled connection
/// carries session state here: LISTEN and the leader's advisory lock use connections of their
/// own outside the pool, and the migration lock is released before its connection returns.</item>
/// </list>
/// </summary>
internal static class PostgresPoolDefaults
{
    private const string Defaults = "Max Auto Prepare=64;No Reset On Close=true";

    public static string Apply(string connectionString) =>
        // Of a key given twice the last wins, so the operator's own settings come second.
        new NpgsqlConnectionStringBuilder($"{Defaults};{connectionString}").ConnectionString;
}
