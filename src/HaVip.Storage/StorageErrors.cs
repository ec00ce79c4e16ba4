using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaVip.Storage;

/// <summary>Classifies database failures the same way for every provider.</summary>
public static class StorageErrors
{
    /// <summary>
    /// Another transaction won a race: a serialization failure, a deadlock, or a unique index that
    /// a concurrent insert filled first. Running the whole change again sees the winner's rows and
    /// then either succeeds or refuses with the proper domain error.
    /// </summary>
    public static bool IsConflict(Exception exception) => Causes(exception).Any(IsConflictItself);

    /// <summary>The database cannot be reached or is restarting: answer 503 and let the client retry.</summary>
    public static bool IsUnavailable(Exception exception) => Causes(exception).Any(IsUnavailableItself);

    private static bool IsConflictItself(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555),
        DbUpdateConcurrencyException => true,
        _ => false,
    };

    private static bool IsUnavailableItself(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException => true,
        // Npgsql refusing a connection the server ended ("Connection is not open" on the next command
        // or transaction of that connection): the outage met again. (A command started while another
        // runs on the connection, a misuse, is an NpgsqlException of its own, above, and stays a bug.)
        InvalidOperationException { Source: "Npgsql", InnerException: null } => true,
        _ => false,
    };

    /// <summary>
    /// The exception and every exception it wraps: EF wraps a provider's error once or twice
    /// (a failed save, "likely due to a transient failure"), Npgsql wraps the error that broke a
    /// connection in what it throws on that connection's next use, and a task can carry several.
    /// </summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException { InnerExceptions.Count: > 1 } several)
            {
                foreach (var inner in several.InnerExceptions.Skip(1).SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }
}
