using System.Net.Sockets;
using HaVip.Server.Http;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// How a failure is classified wherever it is wrapped: the database's word (a conflict to run
/// again, an outage to answer 503) is found in any exception a failure carries, and the server's
/// own bugs stay 500s. The real exceptions of a connection the database ended are in
/// Replicas/ConnectionLossTests (PostgreSQL).
/// </summary>
public sealed class StorageErrorsTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Fact]
    public void AConnectionBrokenByAShutdown_WrappedByNpgsqlOnItsNextUse_IsUnavailable()
    {
        var broken = new NpgsqlException("The connection was previously broken because of the following exception", Postgres(PostgresErrorCodes.AdminShutdown));
        StorageErrors.IsUnavailable(broken).Should().BeTrue();
        ProblemExceptionHandler.Classify(broken)![0].Code.Should().Be(HaVip.Domain.Errors.ErrorCode.Unavailable);
    }

    [Fact]
    public void AnOutageOrAConflict_InsideAnAggregateOrAnyWrapper_IsFound()
    {
        StorageErrors.IsUnavailable(new AggregateException(new SocketException((int)SocketError.ConnectionRefused))).Should().BeTrue();
        StorageErrors.IsUnavailable(new AggregateException(new TimeoutException(), new SocketException((int)SocketError.ConnectionRefused))).Should().BeTrue();
        StorageErrors.IsConflict(new AggregateException(new DbUpdateException("save", Postgres(PostgresErrorCodes.SerializationFailure)))).Should().BeTrue();
        StorageErrors.IsConflict(new NpgsqlException("wrapped", Postgres(PostgresErrorCodes.DeadlockDetected))).Should().BeTrue();
    }

    [Fact]
    public void TheServersOwnFailures_StayBugs()
    {
        ProblemExceptionHandler.Classify(new InvalidOperationException("a bug of the server")).Should().BeNull("a 500 is kept for what is not the database");
        ProblemExceptionHandler.Classify(new NullReferenceException()).Should().BeNull();
        ProblemExceptionHandler.Classify(new AggregateException(new ArgumentException("a bug"))).Should().BeNull();
        StorageErrors.IsUnavailable(new NpgsqlOperationInProgressException(new NpgsqlCommand("SELECT 1"))).Should().BeFalse("a command started while another runs is a misuse");
    }
}
