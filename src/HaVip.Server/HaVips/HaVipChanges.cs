using HaVip.Domain;
using HaVip.Domain.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>
/// Turns a changed HAVIP into work for the hosts (a new change sequence number) and records
/// the timeline. Used inside the write gate by every service that changes HAVIPs.
/// </summary>
public sealed class HaVipChanges(HaVipDbContext db, HaVipLifecycle lifecycle, TimeProvider time)
{
    public HaVipLifecycle Lifecycle => lifecycle;

    public DateTime Now => time.UtcNow();

    /// <summary>Every host running an instance of the HAVIP's subnet must apply the change.</summary>
    public async Task RequireApplyAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        var sequence = await db.NextChangeSequenceAsync(ct);
        var hosts = await db.HostsOfSubnetAsync(vip.SubnetId, ct);
        Record(lifecycle.RequireApply(vip, sequence, hosts));
        vip.Version++;
    }

    /// <summary>The inventory changed a host's desired state (ports, tunnels): hosts must see a new change number.</summary>
    public Task InventoryChangedAsync(CancellationToken ct) => db.NextChangeSequenceAsync(ct);

    public void Record(IEnumerable<HaVipEvent> events) => db.Events.AddRange(events);

    /// <summary>Starts deleting; returns true when the HAVIP is gone already (no host had to remove it).</summary>
    public async Task<bool> DeleteAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        var sequence = await db.NextChangeSequenceAsync(ct);
        var hosts = await db.HostsOfSubnetAsync(vip.SubnetId, ct);
        var events = lifecycle.BeginDelete(vip, sequence, hosts);
        vip.Version++;
        if (lifecycle.CanRemove(vip))
        {
            await RemoveAsync(vip, ct);
            return true;
        }
        Record(events);
        return false;
    }

    /// <summary>Removes a HAVIP whose hosts all removed it, with its timeline.</summary>
    public async Task RemoveAsync(HighAvailabilityVip vip, CancellationToken ct)
    {
        db.HaVips.Remove(vip);
        await db.Events.Where(e => e.HaVipId == vip.Id).ExecuteDeleteAsync(ct);
    }

    public void Bind(HighAvailabilityVip vip, string instanceId, DateTime now) =>
        vip.Bindings.Add(new HaVipBinding { HaVipId = vip.Id, InstanceId = instanceId, CreatedAt = now });

    /// <summary>Unbinds; the master's binding going away clears the master.</summary>
    public void Unbind(HighAvailabilityVip vip, string instanceId)
    {
        vip.Bindings.RemoveAll(b => b.InstanceId == instanceId);
        if (vip.MasterInstanceId == instanceId)
        {
            vip.MasterInstanceId = null;
            vip.MasterSince = null;
        }
    }

    public void RecordInstances(HighAvailabilityVip vip, DateTime now) => Record([new HaVipEvent
    {
        HaVipId = vip.Id, At = now, Kind = HaVipEventKinds.Instances,
        Message = vip.Bindings.Count == 0 ? "no instances bound" : "instances: " + string.Join(", ", vip.InstanceIds),
    }]);

    public async Task UnbindEverywhereAsync(string instanceId, CancellationToken ct)
    {
        var vips = await db.HaVips.Where(h => h.Bindings.Any(b => b.InstanceId == instanceId)).ToListAsync(ct);
        foreach (var vip in vips)
        {
            Unbind(vip, instanceId);
            RecordInstances(vip, Now);
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
