using HaVip.Domain.Accounts;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// Contexts are pooled: a context given back by one unit of work and rented by another must not
/// carry the first one's account scope (that would show one tenant's rows to another).
/// </summary>
public sealed class ContextPoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("havip-pool-").FullName;

    [Fact]
    public async Task ContextBackFromThePool_WithoutBinding_SeesNoAccount()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddHaVipStorage(DatabaseSettings.Resolve(null, _directory))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            db.Scope.UseAll();
            await db.Database.EnsureCreatedAsync();
            db.Accounts.Add(new Account { Id = "acct-a", Name = "a" });
            db.Vpcs.Add(new Vpc { Id = "vpc-pooled", AccountId = "acct-a", Name = "a", Cidr = "10.0.0.0/16" });
            await db.SaveChangesAsync();
            (await db.Vpcs.CountAsync()).Should().Be(1, "a context bound to every account sees the row it saved");
        }

        var factory = services.GetRequiredService<IDbContextFactory<SqliteHaVipDbContext>>();
        await using var rented = factory.CreateDbContext();

        (await rented.Vpcs.CountAsync()).Should().Be(0, "a context rented without a scope sees no account, whoever used it before");
        await using var next = services.CreateAsyncScope();
        next.ServiceProvider.GetRequiredService<AccountScope>().Use("acct-a");
        (await next.ServiceProvider.GetRequiredService<HaVipDbContext>().Vpcs.CountAsync()).Should().Be(1, "the next unit of work sees what its own scope allows");
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}
