using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// One read of the inventory per change number, shared by every host. A change wakes all
/// long-polling agents at once; each used to run the same four queries. Now the first reads
/// the placed instances and subnets, and the HAVIPs of each set of subnets, and the others
/// wait for that read. Keyed by the change number read before the data, so a cached read is
/// never older than the number it answers for. Only the latest number is kept.
/// </summary>
public sealed class DesiredStateCache(IServiceScopeFactory scopes)
{
    private readonly Lock _lock = new();
    private long _sequence = -1;
    private Dictionary<string, Task<object>> _reads = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Instance>> PlacedInstancesAsync(long sequence, CancellationToken ct) =>
        (IReadOnlyList<Instance>)await ReadAsync(sequence, "instances", async db =>
            (object)await db.Instances.AsNoTracking().Where(i => i.Host != null).OrderBy(i => i.Id).ToListAsync(), ct);

    public async Task<IReadOnlyList<Subnet>> SubnetsAsync(long sequence, CancellationToken ct) =>
        (IReadOnlyList<Subnet>)await ReadAsync(sequence, "subnets", async db =>
            (object)await db.Subnets.AsNoTracking().OrderBy(s => s.Vni).ToListAsync(), ct);

    /// <summary>
    /// Every registered host's underlay, from the database: a host registered through another
    /// replica is a remote here too. A new or moved host takes a change number in the same
    /// transaction, so the read for a number is never missing a host registered before it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UnderlaysAsync(long sequence, CancellationToken ct) =>
        (IReadOnlyDictionary<string, string>)await ReadAsync(sequence, "underlays", async db =>
            (object)await db.Hosts.AsNoTracking().ToDictionaryAsync(h => h.Name, h => h.UnderlayIp, StringComparer.Ordinal), ct);

    /// <summary>The live HAVIPs of exactly these subnets (hosts of the same subnets share the read).</summary>
    public async Task<IReadOnlyList<HighAvailabilityVip>> HaVipsAsync(long sequence, IReadOnlyCollection<string> subnetIds, CancellationToken ct)
    {
        var ids = subnetIds.Order(StringComparer.Ordinal).ToArray();
        return (IReadOnlyList<HighAvailabilityVip>)await ReadAsync(sequence, "havips " + string.Join(',', ids), async db =>
            (object)await db.HaVips.AsNoTracking()
                .Where(h => ids.Contains(h.SubnetId) && h.Status != HaVipStatus.Deleting)
                .OrderBy(h => h.Id).ToListAsync(), ct);
    }

    private Task<object> ReadAsync(long sequence, string key, Func<HaVipDbContext, Task<object>> read, CancellationToken ct)
    {
        Task<object> task;
        lock (_lock)
        {
            if (sequence != _sequence)
            {
                if (sequence < _sequence)
                {
                    // An older number than the cached one (a slow caller): read it, do not cache it.
                    return RunAsync(read).WaitAsync(ct);
                }
                _sequence = sequence;
                _reads = new(StringComparer.Ordinal);
            }
            if (!_reads.TryGetValue(key, out task!) || task.IsFaulted || task.IsCanceled)
            {
                // Not bound to the caller's token: other hosts may be waiting for the same read.
                task = RunAsync(read);
                _reads[key] = task;
            }
        }
        return task.WaitAsync(ct);
    }

    private async Task<object> RunAsync(Func<HaVipDbContext, Task<object>> read)
    {
        // A host's desired state spans every account's instances on it.
        await using var scope = scopes.CreateAllAccountsScope();
        return await read(scope.ServiceProvider.GetRequiredService<HaVipDbContext>());
    }
}
