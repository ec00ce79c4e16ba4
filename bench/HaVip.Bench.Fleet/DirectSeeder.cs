using HaVip.Domain.Accounts;
using HaVip.Domain.Addressing;
using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Bench.Fleet;

/// <summary>
/// Builds the fleet <see cref="FleetSeeder"/> builds through the API straight into the database,
/// through the storage model and the domain's own rules (addresses, VRIDs, the aggregates' create,
/// apply and deadline methods): about 2 minutes where the API takes about 10 at 100,000 HAVIPs. The
/// same placement gives what the API gives once its apply deadline passed (every HAVIP failed naming
/// the hosts of its subnet, which no agent acknowledged yet), ids, MACs and VRRP passwords aside:
/// the same names, addresses, VRIDs, bindings, statuses, reasons and timelines, the same change
/// numbers in the order a one-at-a-time API seeding takes them, with the scopes each change
/// touched. Not written: the audit log of the API's requests. Run while no server runs on the
/// database; it migrates the database first.
/// </summary>
internal static class DirectSeeder
{
    /// <summary>The server's default apply deadline (its <c>HaVip:ApplyDeadline</c>), at which the seeded HAVIPs failed.</summary>
    public static readonly TimeSpan ApplyDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The first VNI the server gives a subnet (SubnetService); each next subnet gets the next.</summary>
    private const int FirstVni = 1000;

    /// <summary>Subnets per save: about 25,000 rows at the 11 NICs and 25 HAVIPs per subnet.</summary>
    private const int SubnetsPerSave = 50;

    /// <summary>Seeds <paramref name="database"/> (migrated first) with the fleet of <paramref name="options"/>, made at <paramref name="now"/> (UTC, whole microseconds, as the server's clock reads).</summary>
    public static async Task<(SimHost[] Hosts, SeededSubnet[] Subnets)> SeedAsync(DatabaseSettings database, FleetOptions options, DateTime now, CancellationToken ct)
    {
        await using var services = new ServiceCollection().AddHaVipStorage(database).BuildServiceProvider();
        await using (var migration = services.CreateAsyncScope())
        {
            await DatabaseMigrator.MigrateAsync(migration.ServiceProvider.GetRequiredService<HaVipDbContext>(), ct);
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        // Every entity is added whole and only added: nothing for the tracker to detect.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var hosts = AddHosts(db, options.Hosts, now);
        var vpc = new Vpc { Id = ResourceId.New(ResourceId.VpcPrefix), AccountId = Account.DefaultId, Name = "fleet", Cidr = VpcRules.CheckCreate("fleet", "10.0.0.0/8").ToString(), CreatedAt = now };
        db.Vpcs.Add(vpc);
        await db.SaveChangesAsync(ct);
        var changes = new Changes(db, await db.Sequences.AsNoTracking().Where(s => s.Name == SequenceRow.Change).Select(s => s.Value).SingleAsync(ct), now);
        var placement = Placement.Deal(options);
        var subnets = new SeededSubnet[options.Subnets];
        for (var s = 0; s < options.Subnets; s++)
        {
            subnets[s] = AddSubnet(db, changes, options, vpc, s, placement[s], hosts);
            if ((s + 1) % SubnetsPerSave == 0 || s == options.Subnets - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await db.Sequences.Where(r => r.Name == SequenceRow.Change).ExecuteUpdateAsync(u => u.SetProperty(r => r.Value, changes.Last), ct);
        // No connection left open: a SQLite database is whole in its file (its WAL checkpointed) and a PostgreSQL one can be a template.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        FleetSeeder.Describe(hosts, subnets);
        return (hosts, subnets);
    }

    /// <summary>One agent key per host, as an admin mints it (KeyService): the secret kept for the simulated agent.</summary>
    private static SimHost[] AddHosts(HaVipDbContext db, int count, DateTime now) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var host = FleetSeeder.Host(i, ApiKeySecrets.New());
            db.ApiKeys.Add(new ApiKey
            {
                Id = ResourceId.NewKeyId(),
                Name = FleetSeeder.KeyName(host.Name),
                AccountId = Account.DefaultId,
                Role = ApiKeyRole.Agent,
                Prefix = ApiKeySecrets.PrefixOf(host.Key),
                Hash = ApiKeySecrets.Hash(host.Key),
                Host = host.Name,
                CreatedAt = now,
            });
            return host;
        })];

    /// <summary>
    /// A subnet as the API makes it one request after another: the subnet, its instances (each a
    /// change of the subnet and its host), then its HAVIPs (each a change of the subnet), each
    /// address the lowest free one and each VRID the lowest free one.
    /// </summary>
    private static SeededSubnet AddSubnet(HaVipDbContext db, Changes changes, FleetOptions options, Vpc vpc, int index, int[] placedOn, SimHost[] hosts)
    {
        var name = FleetSeeder.SubnetName(index);
        var (cidr, gateway, _) = SubnetRules.CheckCreate(vpc, name, FleetSeeder.SubnetCidr(index), null, SubnetType.Internal, []);
        var subnet = new Subnet
        {
            Id = ResourceId.New(ResourceId.SubnetPrefix),
            AccountId = vpc.AccountId,
            VpcId = vpc.Id,
            Name = name,
            Cidr = cidr.ToString(),
            Gateway = gateway.ToString(),
            Type = SubnetType.Internal,
            Vni = FirstVni + index,
            CreatedAt = changes.Now,
        };
        db.Subnets.Add(subnet);
        var used = new HashSet<Ipv4>();
        var instances = placedOn.Select((host, n) => AddInstance(db, changes, subnet, FleetSeeder.InstanceName(index, n), hosts[host].Name, used)).ToArray();
        var subnetHosts = instances.Select(i => i.Host!).Distinct(StringComparer.Ordinal).ToArray();
        var bound = new int[instances.Length];
        var vrids = new List<int>();
        var haVips = new List<string>();
        for (var k = 0; k < options.HaVipsPerSubnet; k++)
        {
            var (first, second) = Placement.Bound(options, k);
            foreach (var n in new[] { first, second })
            {
                HaVipRules.CheckInstanceInSubnet(instances[n], subnet);
                InstanceRules.CheckHaVipQuota(instances[n].Id, bound[n]++);
            }
            var address = AddressRules.AllocateLowest(subnet, used);
            used.Add(address);
            var vrid = HaVipRules.AllocateVirtualRouterId(subnet, vrids);
            vrids.Add(vrid);
            var spec = new NewHaVip(subnet, FleetSeeder.HaVipName(index, k), null, address.ToString(), vrid, KeepalivedConfigRenderer.NewAuthPass(), [instances[first].Id, instances[second].Id]);
            var vip = HighAvailabilityVip.Create(spec, changes.Now, out var created);
            var events = created.Concat(vip.RequireApply(changes.Next(subnet.Id), subnetHosts, changes.Clock))
                .Concat(vip.CheckDeadline(changes.AtDeadline)).ToList();
            db.HaVips.Add(vip);
            db.Events.AddRange(events);
            haVips.Add(vip.Id);
        }
        return new SeededSubnet(subnet.Id, [.. instances.Select(i => i.Id)], placedOn.ToHashSet(), haVips, instances[Placement.Extra(options)].Id);
    }

    private static Instance AddInstance(HaVipDbContext db, Changes changes, Subnet subnet, string name, string host, HashSet<Ipv4> used)
    {
        var instance = new Instance { Id = ResourceId.New(ResourceId.InstancePrefix), AccountId = subnet.AccountId, Name = name, VpcId = subnet.VpcId, Host = host, CreatedAt = changes.Now };
        var address = AddressRules.AllocateLowest(subnet, used);
        used.Add(address);
        instance.Nics.Add(new Nic
        {
            InstanceId = instance.Id,
            Device = InstanceRules.DefaultDevice(0),
            SubnetId = subnet.Id,
            VpcId = subnet.VpcId,
            IpAddress = address.ToString(),
            MacAddress = MacAddresses.Generate(),
        });
        db.Instances.Add(instance);
        changes.Next(subnet.Id, host);
        return instance;
    }

    /// <summary>The change numbers the seed takes, each with the scopes it touched (what DbQueries.NextChangeSequenceAsync writes).</summary>
    private sealed class Changes(HaVipDbContext db, long last, DateTime now)
    {
        public long Last { get; private set; } = last;

        public DateTime Now => now;

        public HaVipClock Clock { get; } = new(new FixedTime(now), ApplyDeadline);

        /// <summary>The moment the deadline service finds the seeded changes unapplied.</summary>
        public HaVipClock AtDeadline { get; } = new(new FixedTime(now + ApplyDeadline), ApplyDeadline);

        public long Next(string subnetId, string? host = null)
        {
            Last++;
            db.ChangeScopes.Add(new ChangeScopeRow { Sequence = Last, Scope = ChangeScopeRow.Subnet(subnetId) });
            if (host is not null)
            {
                db.ChangeScopes.Add(new ChangeScopeRow { Sequence = Last, Scope = ChangeScopeRow.Host(host) });
            }
            return Last;
        }
    }

    /// <summary>A clock that stands still: the seed's moments are the ones it is given.</summary>
    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
