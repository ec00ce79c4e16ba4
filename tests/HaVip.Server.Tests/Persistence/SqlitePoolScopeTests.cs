using HaVip.Domain.Accounts;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// A SQLite database's pooled connections belong to the server that opened them. Another server
/// in the same process (every component test is one) that migrates its own database must not
/// close them: when SQLite's last connection to a file closes it checkpoints and deletes the
/// -wal file, under the first server's feet. A server that stops closes its own.
/// </summary>
public sealed class SqlitePoolScopeTests : IDisposable
{
    private readonly string _first = Directory.CreateTempSubdirectory("havip-pool-a-").FullName;
    private readonly string _second = Directory.CreateTempSubdirectory("havip-pool-b-").FullName;

    [Fact]
    public async Task AnotherDatabaseMigrating_LeavesThisOnesConnectionsOpen()
    {
        await using var first = await StartAsync(_first);
        await WriteAsync(first);
        var wal = Path.Combine(_first, "havip.db-wal");
        File.Exists(wal).Should().BeTrue("a written database in WAL mode has its -wal file while a connection is open");

        await using var second = await StartAsync(_second);

        File.Exists(wal).Should().BeTrue("the second server's migration closes only its own database's connections");
        await WriteAsync(first);
    }

    [Fact]
    public async Task StoppedServer_ClosesItsDatabase()
    {
        var first = await StartAsync(_first);
        await WriteAsync(first);
        var wal = Path.Combine(_first, "havip.db-wal");
        File.Exists(wal).Should().BeTrue("a written database in WAL mode has its -wal file while a connection is open");

        await first.DisposeAsync();

        File.Exists(wal).Should().BeFalse("SQLite checkpoints and deletes the -wal file when the last connection closes");
    }

    private static async Task<ServiceProvider> StartAsync(string directory)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddHaVipStorage(DatabaseSettings.Resolve(null, directory))
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<HaVipDbContext>(), TestContext.Current.CancellationToken);
        return services;
    }

    private static async Task WriteAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        db.Scope.UseAll();
        db.Accounts.Add(new Account { Id = "acct-" + Guid.NewGuid().ToString("N")[..8], Name = "a" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        Directory.Delete(_first, recursive: true);
        Directory.Delete(_second, recursive: true);
    }
}
