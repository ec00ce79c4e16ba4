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
/// <item>Maximum Pool Size <see cref="MaxPoolSize"/> (Npgsql's own default is 100, PostgreSQL's
/// <c>max_connections</c> also 100): a replica's work needs a handful of connections at once (one
/// write at a time, a bounded number of complete syncs, short reads), and more only queue in the
/// database. With 100, a thousand agents starting at once took one replica to PostgreSQL's limit,
/// and it opened and closed physical connections all through the start (thousands of sessions,
/// each with a TLS handshake and a SCRAM authentication: about half its CPU in a profile), where
/// with 20 the 22 sessions of its start served the whole of it (docs/benchmarks.md, the simulated
/// fleet). Two replicas at 100 each do not fit under the limit at all; 20 leaves room for four
/// (with each one's LISTEN and leader sessions) under a default PostgreSQL.</item>
/// </list>
/// </summary>
internal static class PostgresPoolDefaults
{
    /// <summary>The connections one replica's pool may hold (the connection string's Maximum Pool Size wins).</summary>
    public const int MaxPoolSize = 20;

    private static readonly string Defaults = $"Max Auto Prepare=64;No Reset On Close=true;Maximum Pool Size={MaxPoolSize}";

    public static string Apply(string connectionString) =>
        // Of a key given twice the last wins, so the operator's own settings come second.
        new NpgsqlConnectionStringBuilder($"{Defaults};{connectionString}").ConnectionString;
}
