using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// The storage side of a HAVIP change: gives a change its number in the change sequence and
/// the hosts that must apply it, and stores the timeline events the aggregate returns. Used
/// inside the write gate by every service that changes HAVIPs; the rules are the aggregate's.
/// </summary>
public sealed class HaVipChanges(HaVipDbContext db, HaVipClock clock)
{
    public HaVipClock Clock => clock;

    public DateTime Now => clock.Now;

    /// <summary>Every host running an instance of the HAVIP's subnet must apply the change.</summary>
    public async Task RequireApplyAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        var sequence = await db.NextChangeSequenceAsync([ChangeScopeRow.Subnet(vip.SubnetId)], ct);
        var hosts = await db.HostsOfSubnetAsync(vip.SubnetId, ct);
        Record(vip.RequireApply(sequence, hosts, clock));
        await RequireInOneStatementAsync(vip, sequence, ct);
    }

    /// <summary>
    /// Stores the requirement the aggregate set on the hosts that carried the HAVIP already (its
    /// <see cref="HostApply.RequiredGeneration"/>, its error cleared) in one statement for them all,
    /// where SaveChanges would update them a row at a time: on SQLite one command each, 11 of a
    /// binding change's 25 commands at the region's 11 hosts a subnet, all inside the one writer
    /// (docs/benchmarks.md). Rows added or dropped (hosts that came or left) are saved as usual.
    /// Their tracked entries then hold the stored values, so SaveChanges writes nothing more for them.
    /// </summary>
    private async Task RequireInOneStatementAsync(HighAvailabilityVip vip, long sequence, CancellationToken ct)
    {
        var required = new List<string>();
        foreach (var row in vip.Hosts)
        {
            var entry = db.Entry(row);
            if (entry.State == EntityState.Modified && row.RequiredGeneration == sequence && row.Error is null
                && entry.Properties.All(p => !p.IsModified || p.Metadata.Name is nameof(HostApply.RequiredGeneration) or nameof(HostApply.Error)))
            {
                required.Add(row.Host);
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        }
        if (required.Count > 0)
        {
            await db.HostApplies.Where(h => h.HaVipId == vip.Id && required.Contains(h.Host))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.RequiredGeneration, sequence).SetProperty(h => h.Error, (string?)null), ct);
        }
    }

    /// <summary>
    /// An instance placed on, moved between or removed from hosts changed desired states: its
    /// hosts' ports, and the tunnels of every host carrying one of its subnets. Those take a new
    /// change number; no other host does.
    /// </summary>
    public Task InventoryChangedAsync(Instance instance, string? previousHost, CancellationToken ct) =>
        db.NextChangeSequenceAsync(
            instance.Nics.Select(n => ChangeScopeRow.Subnet(n.SubnetId))
                .Concat(new[] { instance.Host, previousHost }.OfType<string>().Select(ChangeScopeRow.Host)), ct);

    /// <summary>A decision moved or lifted, or the adverts' timing changed (docs/split-brain.md): the hosts of those subnets must look again.</summary>
    public Task DecisionsChangedAsync(IEnumerable<string> subnetIds, CancellationToken ct) =>
        db.NextChangeSequenceAsync(subnetIds.Select(ChangeScopeRow.Subnet), ct);

    /// <summary>
    /// Stores a change's timeline events. Every change with an event (bindings, holder) can
    /// change the HAVIP's health findings: it becomes due for the leader's evaluation (<see cref="HealthRecorder"/>).
    /// </summary>
    public void Record(IEnumerable<HaVipEvent> events)
    {
        var list = events.ToList();
        if (list.Count == 0)
        {
            return;
        }
        db.Events.AddRange(list);
        var changed = list.Select(e => e.HaVipId).ToHashSet(StringComparer.Ordinal);
        // Reading Local would first compare every tracked entity with its snapshot, once per
        // recorded change: a batch of 51 first acks (200 HAVIPs, 2,000 host rows) took 27 s so.
        // The HAVIPs are tracked already; SaveChanges detects what changed, once. Each is found by
        // its key: enumerating Local walks every tracked entity of every type, once per recorded
        // change, which made a deadline round over thousands of HAVIPs quadratic.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var id in changed)
            {
                db.HaVips.Local.FindEntry(id)?.Entity.HealthDue(Now);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Stores the events of a change to the status alone (<see cref="HighAvailabilityVip.CheckDeadline"/>
    /// failing a HAVIP). The finding rules read a HAVIP's address, VRID, bindings and holder (and its
    /// subnet's adverts and its hosts, marked where they change: <see cref="HealthDue"/>), never its
    /// status: the HAVIP is not made due for an evaluation that could only repeat the last one.
    /// </summary>
    public void RecordStatus(IEnumerable<HaVipEvent> events) => db.Events.AddRange(events);

    /// <summary>Starts deleting; returns true when the HAVIP is gone already (no host had to remove it).</summary>
    public async Task<bool> DeleteAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        var sequence = await db.NextChangeSequenceAsync([ChangeScopeRow.Subnet(vip.SubnetId)], ct);
        var hosts = await db.HostsOfSubnetAsync(vip.SubnetId, ct);
        var events = vip.BeginDelete(sequence, hosts, clock);
        if (vip.CanRemove(clock))
        {
            await RemoveAsync(vip, ct);
            return true;
        }
        Record(events);
        await RequireInOneStatementAsync(vip, sequence, ct);
        return false;
    }

    /// <summary>Removes a HAVIP whose hosts all removed it, with its timeline.</summary>
    public async Task RemoveAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        db.HaVips.Remove(vip);
        await db.Events.Where(e => e.HaVipId == vip.Id).ExecuteDeleteAsync(ct);
    }

    public async Task UnbindEverywhereAsync(string instanceId, CancellationToken ct)
    {
        var vips = await db.HaVips.Where(h => h.Bindings.Any(b => b.InstanceId == instanceId)).ToListAsync(ct);
        foreach (var vip in vips)
        {
            Record(vip.Unbind(instanceId, Now));
            await RequireApplyAsync(vip, ct);
        }
    }

    /// <summary>An instance moved hosts: the HAVIPs of its subnets must be applied again.</summary>
    public async Task ReapplyBoundAsync(string instanceId, CancellationToken ct)
    {
        var subnets = await db.Nics.Where(n => n.InstanceId == instanceId).Select(n => n.SubnetId).ToListAsync(ct);
        var vips = await db.HaVips.Where(h => subnets.Contains(h.SubnetId) && h.Status != HaVipStatus.Deleting).ToListAsync(ct);
        foreach (var vip in vips)
        {
            await RequireApplyAsync(vip, ct);
        }
    }
}
