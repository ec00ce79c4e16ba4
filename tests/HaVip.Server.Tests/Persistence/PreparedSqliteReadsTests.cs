using HaVip.Server.HaVips;
using HaVip.Server.Tests.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// The GET's prepared SQLite read (<see cref="PreparedSqliteReads"/>) reads exactly what the EF
/// path reads (<see cref="HaVipReads.ReadThroughEfAsync"/>): every field, the bindings, every
/// advert of the subnet, and nothing another account owns. On PostgreSQL the GET reads through EF.
/// </summary>
public sealed class PreparedSqliteReadsTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new() { Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00" } };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task PreparedRead_EqualsTheEfRead_ForEveryShapeOfHaVip_AndEveryScope()
    {
        var world = new AgentWorld(_app);
        var (bound, a, b, subnet) = await world.TwoHostsAsync();
        var unbound = await world.Api.HaVipAsync(subnet);
        var vrid = await world.VridAsync(bound.Id, a.Id);
        // Adverts of both bound instances, one stopped; hv1 fails the change (status reason), a holds the VIP.
        await world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, bound.IpAddress));
        await world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, bound.IpAddress) with { Advertising = false, AgeMilliseconds = 3609 });
        await world.AckAsync("hv1", (await world.DesiredAsync("hv1")).Sequence, new Dictionary<string, string> { [bound.Id] = "nft: boom" });
        await _app.ScopedAsync(async sp =>
        {
            var db = sp.GetRequiredService<HaVipDbContext>();
            var vip = await db.HaVips.SingleAsync(h => h.Id == bound.Id);
            vip.TakeHolder(a.Id, DateTime.UtcNow, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var account = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HaVips.Where(h => h.Id == bound.Id).Select(h => h.AccountId).SingleAsync());

        var prepared = _app.Services.GetRequiredService<PreparedSqliteReads>();
        if (TestDatabase.UsesPostgres)
        {
            prepared.Enabled.Should().BeFalse("on PostgreSQL the GET reads through EF");
            return;
        }
        prepared.Enabled.Should().BeTrue("the embedded default is SQLite");

        var scopes = new (string Name, Action<AccountScope> Use)[]
        {
            ("every account", s => s.UseAll()),
            ("the owner", s => s.Use(account)),
            ("another account", s => s.Use("acct-other")),
            ("no account chosen", _ => { }),
        };
        foreach (var (name, use) in scopes)
        {
            foreach (var id in new[] { bound.Id, unbound.Id, "havip-missing" })
            {
                await using var scope = _app.Services.CreateAsyncScope();
                var accountScope = scope.ServiceProvider.GetRequiredService<AccountScope>();
                use(accountScope);
                var viaEf = await scope.ServiceProvider.GetRequiredService<HaVipReads>().ReadThroughEfAsync(id, CancellationToken.None);
                var viaPrepared = prepared.Read(id, accountScope);

                viaPrepared.Should().BeEquivalentTo(viaEf, o => o.ComparingRecordsByMembers().WithStrictOrdering(), $"{id} as {name}");
                if (viaEf is not null)
                {
                    viaPrepared!.HaVip.ToDto().Should().BeEquivalentTo(viaEf.HaVip.ToDto(), o => o.ComparingRecordsByMembers().WithStrictOrdering());
                }
            }
        }

        // The reads are not vacuous: the owner sees the HAVIP whole, with what the world above made.
        await using (var owner = _app.Services.CreateAsyncScope())
        {
            var ownerScope = owner.ServiceProvider.GetRequiredService<AccountScope>();
            ownerScope.Use(account);
            var seen = prepared.Read(bound.Id, ownerScope)!;
            seen.HaVip.InstanceIds.Should().BeEquivalentTo([a.Id, b.Id]);
            seen.HaVip.MasterInstanceId.Should().Be(a.Id);
            seen.HaVip.StatusReason.Should().Contain("nft: boom");
            seen.Adverts.Should().HaveCount(2).And.Contain(o => o.InstanceId == b.Id && !o.Advertising);
            prepared.Read(bound.Id, new AccountScope()).Should().BeNull("a scope that chose no account sees nothing");
        }
    }
}
