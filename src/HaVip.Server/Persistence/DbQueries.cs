using System.Diagnostics;
using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Persistence;

/// <summary>The lookups the change services share.</summary>
internal static class DbQueries
{
    public static async Task<Subnet> FindSubnetAsync(this HaVipDbContext db, string id, CancellationToken ct) =>
        await db.Subnets.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw DomainException.NotFound("subnet", id);

    public static async Task<Vpc> FindVpcAsync(this HaVipDbContext db, string id, CancellationToken ct) =>
        await db.Vpcs.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw DomainException.NotFound("VPC", id);

    /// <summary>An instance to change or check, with its NICs joined in: one command, not a split query's two.</summary>
    public static async Task<Instance> FindInstanceAsync(this HaVipDbContext db, string id, CancellationToken ct) =>
        await db.Instances.AsSingleQuery().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw DomainException.NotFound("instance", id);

    /// <summary>
    /// A HAVIP to change, with its bindings (at most 3) and its hosts' apply rows (one per host of
    /// its subnet) joined in: one command inside the writer, not a split query's three. The rows
    /// come as bindings times hosts, 33 at the region's 11 hosts a subnet.
    /// </summary>
    public static async Task<HighAvailabilityVip> FindHaVipAsync(this HaVipDbContext db, string id, CancellationToken ct) =>
        await db.HaVips.AsSingleQuery().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw DomainException.NotFound("HAVIP", id);

    /// <summary>
    /// The GET's query, compiled once: translating the LINQ at each call (funcletizing,
    /// the cache key, the generic method) was a quarter of reading one HAVIP.
    /// </summary>
    private static readonly Func<HaVipDbContext, string, CancellationToken, Task<HighAvailabilityVip?>> HaVipById =
        EF.CompileAsyncQuery((HaVipDbContext db, string id, CancellationToken ct) => db.HaVips.ForReading().FirstOrDefault(h => h.Id == id));

    /// <summary>A HAVIP to show, not to change: see <see cref="ForReading"/>.</summary>
    public static async Task<HighAvailabilityVip> ReadHaVipAsync(this HaVipDbContext db, string id, CancellationToken ct) =>
        await db.FindHaVipForReadingAsync(id, ct) ?? throw DomainException.NotFound("HAVIP", id);

    /// <summary>A HAVIP to show, or null when the scope sees none with this id.</summary>
    public static Task<HighAvailabilityVip?> FindHaVipForReadingAsync(this HaVipDbContext db, string id, CancellationToken ct) => HaVipById(db, id, ct);

    /// <summary>
    /// HAVIPs as readers see them, in one round trip: untracked (nothing is saved), and with the
    /// bindings (at most 3 each, which <see cref="HighAvailabilityVip.InstanceIds"/> needs) joined
    /// in, but not the per-host apply rows, which no reader shows. The default (every navigation,
    /// split) costs three queries per read.
    /// </summary>
    public static IQueryable<HighAvailabilityVip> ForReading(this IQueryable<HighAvailabilityVip> havips) =>
        havips.AsNoTracking().IgnoreAutoIncludes().Include(h => h.Bindings).AsSingleQuery();

    /// <summary>Every address of the subnet held by a NIC or a HAVIP.</summary>
    public static async Task<HashSet<Ipv4>> UsedAddressesAsync(this HaVipDbContext db, string subnetId, CancellationToken ct)
    {
        var nics = await db.Nics.Where(n => n.SubnetId == subnetId).Select(n => n.IpAddress).ToListAsync(ct);
        var vips = await db.HaVips.Where(h => h.SubnetId == subnetId).Select(h => h.IpAddress).ToListAsync(ct);
        return nics.Concat(vips).Select(text => Ipv4.TryParse(text, out var ip) ? ip : default).ToHashSet();
    }

    /// <summary>Every IPv6 address of the subnet's /64 held by a NIC or a HAVIP: the two families share one address space per subnet.</summary>
    public static async Task<HashSet<Ipv6>> UsedIpv6AddressesAsync(this HaVipDbContext db, string subnetId, CancellationToken ct)
    {
        // LIKE, not Contains(char): both providers translate it.
        var nics = await db.Nics.Where(n => n.SubnetId == subnetId && n.Ipv6Address != null).Select(n => n.Ipv6Address!).ToListAsync(ct);
        var vips = await db.HaVips.Where(h => h.SubnetId == subnetId && EF.Functions.Like(h.IpAddress, "%:%")).Select(h => h.IpAddress).ToListAsync(ct);
        return nics.Concat(vips).Select(text => Ipv6.TryParse(text, out var ip) ? ip : default).ToHashSet();
    }

    /// <summary>The hosts that run one of the subnet's instances: they must apply its HAVIPs.</summary>
    public static Task<string[]> HostsOfSubnetAsync(this HaVipDbContext db, string subnetId, CancellationToken ct) =>
        db.HostsOfSubnet(subnetId).ToArrayAsync(ct);

    /// <summary>
    /// <see cref="HostsOfSubnetAsync"/>'s query. From the subnet's NICs (its index) to their instances,
    /// never over every instance: asked as "instances with a NIC in the subnet", SQLite scanned the
    /// whole instances table with a NIC lookup per row, inside every HAVIP change's write (3.4 ms of a
    /// change's 16 ms of SQL at 1,000 hosts and 4,000 instances, docs/benchmarks.md).
    /// </summary>
    internal static IQueryable<string> HostsOfSubnet(this HaVipDbContext db, string subnetId) =>
        (from n in db.Nics
         where n.SubnetId == subnetId
         join i in db.Instances on n.InstanceId equals i.Id
         where i.Host != null
         select i.Host!).Distinct();

    /// <summary>How many HAVIPs the instance is bound to, other than <paramref name="exceptHaVipId"/>.</summary>
    public static Task<int> BindingCountAsync(this HaVipDbContext db, string instanceId, string? exceptHaVipId, CancellationToken ct) =>
        db.Bindings.CountAsync(b => b.InstanceId == instanceId && b.HaVipId != exceptHaVipId, ct);

    /// <summary>The latest change number (committed, or taken by the running write).</summary>
    public static Task<long> LatestChangeAsync(this HaVipDbContext db, CancellationToken ct) =>
        db.Sequences.AsNoTracking().Where(s => s.Name == SequenceRow.Change).Select(s => s.Value).SingleAsync(ct);

    /// <summary>Numbers a change that touches no host's desired state (tests of the write path).</summary>
    public static Task<long> NextChangeSequenceAsync(this HaVipDbContext db, CancellationToken ct) => db.NextChangeSequenceAsync([], ct);

    /// <summary>
    /// Numbers a change hosts must apply and records what it touches (<see cref="ChangeScopeRow"/>:
    /// the subnets whose hosts must look again, the hosts whose own state changed), so that only
    /// those hosts' long-polls wake. Only called inside the write gate's transaction.
    /// </summary>
    public static async Task<long> NextChangeSequenceAsync(this HaVipDbContext db, IEnumerable<string> scopes, CancellationToken ct)
    {
        var row = await db.Sequences.SingleAsync(s => s.Name == SequenceRow.Change, ct);
        row.Value++;
        db.ChangeScopes.AddRange(scopes.Distinct(StringComparer.Ordinal).Select(scope => new ChangeScopeRow { Sequence = row.Value, Scope = scope }));
        // The write gate's activity: it keeps the change's traceparent once the write commits.
        Activity.Current?.SetTag(WriteTracing.ChangeTag, row.Value);
        return row.Value;
    }
}
