using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// A replica's PostgreSQL pool is bounded below the database's default connection limit unless the
/// operator's connection string says otherwise: at Npgsql's default of 100, one replica with a
/// thousand agents starting at once reached PostgreSQL's limit of 100 and churned physical connections
/// (a TLS handshake and a SCRAM exchange each), and two replicas could not fit under it at all
/// (docs/benchmarks.md, the simulated fleet on PostgreSQL). Nothing here connects.
/// </summary>
public sealed class PostgresPoolTests
{
    [Theory]
    [InlineData("Host=db.invalid;Database=havip;Username=havip", 20)]
    [InlineData("postgres://havip:secret@db.invalid/havip", 20)]
    [InlineData("Host=db.invalid;Database=havip;Maximum Pool Size=50", 50)]
    [InlineData("Host=db.invalid;Database=havip;MaxPoolSize=7", 7)]
    public async Task Pool_IsBoundedBelowPostgresDefaultLimit_UnlessTheConnectionStringSaysOtherwise(string database, int expected)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddHaVipStorage(DatabaseSettings.Resolve(database, Path.GetTempPath()))
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        used.MaxPoolSize.Should().Be(expected, "a replica's pool holds 20 connections by default, and the operator's own Maximum Pool Size wins");
        used.MaxAutoPrepare.Should().Be(64, "the other defaults still apply");
    }
}
