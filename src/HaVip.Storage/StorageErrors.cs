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
    public static bool IsConflict(Exception exception) => Unwrap(exception) switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555),
        DbUpdateConcurrencyException => true,
        _ => false,
    };

    /// <summary>The database cannot be reached or is restarting: answer 503 and let the client retry.</summary>
    public static bool IsUnavailable(Exception exception) => Unwrap(exception) switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException => true,
        _ => false,
    };

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is DbUpdateException or InvalidOperationException && current.InnerException is not null)
        {
            current = current.InnerException;
        }
        return current;
    }
}
