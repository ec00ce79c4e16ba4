using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Bench.ControlPlane;

/// <summary>
/// Loads the database straight through EF (creating 100,000 HAVIPs over HTTP would take most of
/// the run): one VPC 10.0.0.0/8, /24 subnets of 250 HAVIPs each, plus empty subnets for creates.
/// </summary>
internal static class Seeder
{
    public const int PerSubnet = 250;

    public static async Task<(string[] HaVipIds, string[] FullSubnets, string[] EmptySubnets)> SeedAsync(DatabaseSettings database, int count, int emptySubnets)
    {
        await using HaVipDbContext db = database.Provider == DatabaseProvider.Postgres
            ? new PostgresHaVipDbContext(new DbContextOptionsBuilder<PostgresHaVipDbContext>().UseNpgsql(database.ConnectionString).Options)
            : new SqliteHaVipDbContext(new DbContextOptionsBuilder<SqliteHaVipDbContext>().UseSqlite($"Data Source={database.ConnectionString}").Options);
        var now = DateTime.UtcNow;
        var settle = new HaVipClock(TimeProvider.System, TimeSpan.FromSeconds(30));
        var vpc = new Vpc { AccountId = "acct-default", Id = ResourceId.New(ResourceId.VpcPrefix), Name = "bench", Cidr = "10.0.0.0/8", CreatedAt = now };
        db.Vpcs.Add(vpc);
        var full = (count + PerSubnet - 1) / PerSubnet;
        var subnets = Enumerable.Range(0, full + emptySubnets).Select(i => new Subnet
        {
            AccountId = "acct-default",
            Id = ResourceId.New(ResourceId.SubnetPrefix),
            VpcId = vpc.Id,
            Name = $"s{i}",
            Cidr = $"10.{i / 256}.{i % 256}.0/24",
            Gateway = $"10.{i / 256}.{i % 256}.1",
            Type = SubnetType.Internal,
            Vni = 1000 + i,
            CreatedAt = now,
        }).ToArray();
        db.Subnets.AddRange(subnets);
        await db.SaveChangesAsync();
        var ids = new List<string>(count);
        for (var start = 0; start < count; start += 5000)
        {
            db.ChangeTracker.Clear();
            for (var n = start; n < Math.Min(count, start + 5000); n++)
            {
                var subnet = subnets[n / PerSubnet];
                var host = n % PerSubnet + 2;
                var address = $"10.{(n / PerSubnet) / 256}.{(n / PerSubnet) % 256}.{host}";
                var vip = HighAvailabilityVip.Create(new NewHaVip(subnet, $"vip-{n}", null, address, host - 1, "benchpas", []), now, out _);
                // No host runs an instance of the subnet: the HAVIP settles at once, as on a real server.
                vip.RequireApply(0, [], settle);
                db.HaVips.Add(vip);
                ids.Add(vip.Id);
            }
            await db.SaveChangesAsync();
        }
        // A region's leader evaluated these long ago and found nothing to record (no instance
        // advertises and no host is away): none is due. Left due, as creating each makes it,
        // they would be a backlog of minutes for the leader's health rounds to drain during the
        // measurement, which a server holding them for a while never has.
        var settled = await db.HaVips.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(h => h.HealthDueAt, (DateTime?)null));
        if (settled != count)
        {
            throw new InvalidOperationException($"{settled} of {count} seeded HAVIPs marked evaluated");
        }
        return ([.. ids], subnets.Take(full).Select(s => s.Id).ToArray(), subnets.Skip(full).Select(s => s.Id).ToArray());
    }
}
