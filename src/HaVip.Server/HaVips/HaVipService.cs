using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;
using HaVip.Domain.Resources;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>Every HAVIP use case, for the REST API and the console alike.</summary>
public sealed class HaVipService(HaVipDbContext db, WriteGate gate, HaVipChanges changes)
{
    public Task<HighAvailabilityVip> CreateAsync(CreateHaVip request, CancellationToken ct)
    {
        var requested = HaVipRules.CheckCreateInput(request.Name, request.Remark, request.SubnetId, request.IpAddress, request.InstanceIds, request.IpVersion);
        var errors = new ErrorCollector();
        if (request.Type is null)
        {
            errors.Add(ErrorCode.InvalidParameter, "type is required: internal or external.", "type");
        }
        errors.ThrowIfAny();
        return gate.RunAsync(db, async c =>
        {
            var subnet = await db.FindSubnetAsync(request.SubnetId!, c);
            HaVipRules.CheckType(request.Type!.Value, subnet);
            var address = await AddressForAsync(subnet, requested, c);
            var instanceIds = request.InstanceIds ?? [];
            await CheckBindableAsync(subnet, instanceIds, null, c);
            var vrids = await db.HaVips.Where(h => h.SubnetId == subnet.Id).Select(h => h.VirtualRouterId).ToListAsync(c);
            var spec = new NewHaVip(subnet, request.Name!, request.Remark, address,
                HaVipRules.AllocateVirtualRouterId(subnet, vrids), KeepalivedConfigRenderer.NewAuthPass(), instanceIds);
            var vip = HighAvailabilityVip.Create(spec, changes.Now, out var events);
            db.HaVips.Add(vip);
            changes.Record(events);
            await changes.RequireApplyAsync(vip, c);
            return vip;
        }, ct);
    }

    public Task<HighAvailabilityVip> GetAsync(string id, CancellationToken ct) => db.ReadHaVipAsync(id, ct);

    /// <summary>Name and remark can change in every state; the hosts do not care about either.</summary>
    public Task<HighAvailabilityVip> UpdateAsync(HaVipTarget target, string? name, string? remark, CancellationToken ct)
    {
        HaVipRules.CheckRename(name, remark);
        return gate.RunAsync(db, async c =>
        {
            var vip = await FindForChangeAsync(target, c);
            vip.Rename(name, remark, changes.Now);
            return vip;
        }, ct);
    }

    public Task<HighAvailabilityVip> ReplaceInstancesAsync(HaVipTarget target, IReadOnlyList<string>? instanceIds, CancellationToken ct)
    {
        if (instanceIds is null)
        {
            throw new DomainException(ErrorCode.InvalidParameter, "instanceIds is required (an empty list unbinds every instance).", "instanceIds");
        }
        HaVipRules.CheckInstanceIds(instanceIds);
        return ChangeInstancesAsync(target, async (vip, subnet, c) =>
        {
            await CheckBindableAsync(subnet, vip.NotBound(instanceIds), vip.Id, c);
            return vip.ReplaceInstances(instanceIds, changes.Now);
        }, ct);
    }

    public Task<HighAvailabilityVip> AddInstanceAsync(HaVipTarget target, string? instanceId, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        NameRules.CheckId(instanceId, ResourceId.InstancePrefix, errors, "instanceId");
        errors.ThrowIfAny();
        return ChangeInstancesAsync(target, async (vip, subnet, c) =>
        {
            vip.CheckCanBind(instanceId!);
            await CheckBindableAsync(subnet, [instanceId!], vip.Id, c);
            return vip.Bind(instanceId!, changes.Now);
        }, ct);
    }

    public Task<HighAvailabilityVip> RemoveInstanceAsync(HaVipTarget target, string instanceId, CancellationToken ct) =>
        ChangeInstancesAsync(target, (vip, _, _) => Task.FromResult(vip.Unbind(instanceId, changes.Now)), ct);

    /// <summary>Deletes (true: gone at once) or starts deleting (false: hosts still remove it).</summary>
    public async Task<bool> DeleteAsync(HaVipTarget target, CancellationToken ct) => await DeletingAsync(target, ct) is null;

    /// <summary>
    /// Deletes: null when the HAVIP is gone at once, else the HAVIP as committed, deleting while its
    /// hosts remove it. Not read again after the commit: by then its hosts may have applied and
    /// acknowledged the delete and the HAVIP be gone, and a delete that worked must not answer 404.
    /// </summary>
    public Task<HighAvailabilityVip?> DeletingAsync(HaVipTarget target, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var vip = await FindForChangeAsync(target, c);
        return await changes.DeleteAsync(vip, c) ? null : vip;
    }, ct);

    public async Task<string> RenderKeepalivedAsync(string id, string? instanceId, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        NameRules.CheckId(instanceId, ResourceId.InstancePrefix, errors, "instanceId");
        errors.ThrowIfAny();
        var vip = await db.HaVips.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw DomainException.NotFound("HAVIP", id);
        var subnet = await db.FindSubnetAsync(vip.SubnetId, ct);
        var bound = await db.Instances.AsNoTracking().Where(i => vip.InstanceIds.Contains(i.Id)).ToListAsync(ct);
        var instance = bound.Find(i => i.Id == instanceId) ?? throw new DomainException(ErrorCode.NotFound, $"instance {instanceId} is not bound to HAVIP {id}.");
        var ordered = vip.InstanceIds.Select(i => bound.Find(b => b.Id == i)).OfType<Instance>().ToArray();
        return KeepalivedConfigRenderer.Render(vip, subnet, instance, ordered);
    }

    /// <summary>
    /// The create rules for one address, without creating anything: the console validates as
    /// the operator types. Throws the same DomainException a create would.
    /// </summary>
    public async Task CheckAddressAsync(string subnetId, string? ipAddress, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        var requested = HaVipRules.ParseAddress(ipAddress ?? "", null, errors);
        errors.ThrowIfAny();
        await AddressForAsync(await db.FindSubnetAsync(subnetId, ct), requested, ct);
    }

    /// <summary>The address a create without one would get now: the lowest free one of the family.</summary>
    public async Task<string> SuggestAddressAsync(string subnetId, CancellationToken ct, IpFamily family = IpFamily.Ipv4) =>
        await AddressForAsync(await db.FindSubnetAsync(subnetId, ct), new RequestedAddress(family), ct);

    /// <summary>The HAVIP's address: the one asked, if usable, or the lowest free one of its family in the subnet.</summary>
    private async Task<string> AddressForAsync(Subnet subnet, RequestedAddress requested, CancellationToken ct)
    {
        if (requested.Family == IpFamily.Ipv6)
        {
            var prefix = Ipv6AddressRules.RequirePrefix(subnet, requested.Field);
            var used6 = await db.UsedIpv6AddressesAsync(subnet.Id, ct);
            if (requested.Ipv6 is { } v6)
            {
                Ipv6AddressRules.CheckUsable(subnet.Id, prefix, v6, used6);
                return v6.ToString();
            }
            return Ipv6AddressRules.AllocateLowest(prefix, used6).ToString();
        }
        var used = await db.UsedAddressesAsync(subnet.Id, ct);
        if (requested.Ipv4 is { } v4)
        {
            AddressRules.CheckUsable(subnet, v4, used);
            return v4.ToString();
        }
        return AddressRules.AllocateLowest(subnet, used).ToString();
    }

    public async Task<List<HaVipEvent>> EventsAsync(string id, CancellationToken ct)
    {
        if (!await db.HaVips.AnyAsync(h => h.Id == id, ct))
        {
            throw DomainException.NotFound("HAVIP", id);
        }
        return await db.Events.AsNoTracking().Where(e => e.HaVipId == id).OrderBy(e => e.Id).ToListAsync(ct);
    }

    private Task<HighAvailabilityVip> ChangeInstancesAsync(
        HaVipTarget target, Func<HighAvailabilityVip, Subnet, CancellationToken, Task<IReadOnlyList<HaVipEvent>>> change, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vip = await FindForChangeAsync(target, c);
            // Checked before the instances are looked up, so a deleting HAVIP answers that first.
            vip.EnsureInstancesChangeable();
            var subnet = await db.FindSubnetAsync(vip.SubnetId, c);
            var events = await change(vip, subnet, c);
            if (events.Count > 0)
            {
                changes.Record(events);
                await changes.RequireApplyAsync(vip, c);
            }
            return vip;
        }, ct);

    /// <summary>Loads the HAVIP a change is aimed at; a stale If-Match version refuses the change.</summary>
    private async Task<HighAvailabilityVip> FindForChangeAsync(HaVipTarget target, CancellationToken ct)
    {
        var vip = await db.FindHaVipAsync(target.Id, ct);
        if (target.IfMatch is { } expected && vip.Version != expected)
        {
            throw new DomainException(ErrorCode.PreconditionFailed,
                $"HAVIP {vip.Id} changed since you read it (version {expected}, now {vip.Version}); read it again and retry.");
        }
        return vip;
    }

    /// <summary>
    /// Each instance must exist, sit in the subnet, and hold fewer than 5 other HAVIPs. Runs inside
    /// the caller's write-gate write, with the bind it guards: two binds never both see room for one.
    /// </summary>
    private async Task CheckBindableAsync(Subnet subnet, IReadOnlyList<string> instanceIds, string? haVipId, CancellationToken ct)
    {
        foreach (var instanceId in instanceIds)
        {
            var instance = await db.FindInstanceAsync(instanceId, ct);
            HaVipRules.CheckInstanceInSubnet(instance, subnet);
            InstanceRules.CheckHaVipQuota(instance.Id, await db.BindingCountAsync(instance.Id, haVipId, ct));
        }
    }
}
