using HaVip.Server.Http;
using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Tests.Replicas;

/// <summary>
/// A database that goes away under a request is a 503, never a 500: every exception Npgsql raises
/// on a connection the server ended (as a restart or a fast shutdown ends each one) is classified
/// as the database being unavailable. Each is produced for real here, by ending the connection's
/// backend from another connection (pg_terminate_backend, what a fast shutdown sends every
/// backend), at each point a request can meet it: before a command, inside a transaction, at its
/// commit, and on the connection and the transaction after the first error.
/// PostgreSQL only (the replica tests' namespace runs in the PostgreSQL pass).
/// </summary>
public sealed class ConnectionLossTests
{
    [Fact]
    public async Task EveryExceptionOfAConnectionTheServerEnded_IsUnavailable_NeverABug()
    {
        await using var database = new TestDatabase();
        var seen = new List<(string Where, Exception Error)>();
        var ct = TestContext.Current.CancellationToken;

        // A command on a connection whose backend was ended while it sat idle (in the pool, say).
        await using (var connection = await OpenAsync(database, ct))
        {
            await TerminateAsync(database, connection, ct);
            seen.Add(("a command after the backend ended", await ErrorOfAsync(() => ScalarAsync(connection, null, ct))));
            seen.Add(("the next command on that connection", await ErrorOfAsync(() => ScalarAsync(connection, null, ct))));
            seen.Add(("a transaction begun on that connection", await ErrorOfAsync(async () => await connection.BeginTransactionAsync(ct))));
        }

        // Inside a serializable transaction, as the write gate runs a change.
        await using (var connection = await OpenAsync(database, ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
            await ScalarAsync(connection, transaction, ct);
            await TerminateAsync(database, connection, ct);
            seen.Add(("a command inside the transaction", await ErrorOfAsync(() => ScalarAsync(connection, transaction, ct))));
            seen.Add(("the commit after it", await ErrorOfAsync(() => transaction.CommitAsync(ct))));
            seen.Add(("a rollback after it", await ErrorOfAsync(() => transaction.RollbackAsync(ct))));
        }

        // At the commit itself.
        await using (var connection = await OpenAsync(database, ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
            await ScalarAsync(connection, transaction, ct);
            await TerminateAsync(database, connection, ct);
            seen.Add(("the commit", await ErrorOfAsync(() => transaction.CommitAsync(ct))));
        }

        var report = string.Join(Environment.NewLine, seen.Select(s => $"{s.Where}: {Describe(s.Error)} → {(ProblemExceptionHandler.Classify(s.Error) is { } e ? e[0].Code.ToString() : "500")}"));
        seen.Should().OnlyContain(s => StorageErrors.IsUnavailable(s.Error), $"each is the database going away, not a bug:{Environment.NewLine}{report}");
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase database, CancellationToken ct)
    {
        // No pooling: each test connection is its own backend, and a broken one is not handed out again.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Ends the connection's backend from another connection, and waits until it is gone.</summary>
    private static async Task TerminateAsync(TestDatabase database, NpgsqlConnection victim, CancellationToken ct)
    {
        await using var killer = await OpenAsync(database, ct);
        await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({victim.ProcessID}, 10000)", killer);
        (await kill.ExecuteScalarAsync(ct)).Should().Be(true, "the backend was ended");
    }

    private static async Task ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection, transaction);
        await command.ExecuteScalarAsync(ct);
    }

    private static async Task<Exception> ErrorOfAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new Xunit.Sdk.XunitException("the call succeeded on a connection whose backend was ended");
    }

    private static string Describe(Exception e) =>
        e.InnerException is null ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message} ← {Describe(e.InnerException)}";
}
