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
        var requestedIp = HaVipRules.CheckCreateInput(request.Name, request.Remark, request.SubnetId, request.IpAddress, request.InstanceIds);
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
            var used = await db.UsedAddressesAsync(subnet.Id, c);
            if (requestedIp is { } ip)
            {
                AddressRules.CheckUsable(subnet, ip, used);
            }
            var address = requestedIp ?? AddressRules.AllocateLowest(subnet, used);
            var instanceIds = request.InstanceIds ?? [];
            await CheckBindableAsync(subnet, instanceIds, null, c);
            var vrids = await db.HaVips.Where(h => h.SubnetId == subnet.Id).Select(h => h.VirtualRouterId).ToListAsync(c);
            var now = changes.Now;
            var vip = new HighAvailabilityVip
            {
                Id = ResourceId.New(ResourceId.HaVipPrefix),
                AccountId = subnet.AccountId,
                Name = request.Name!.Trim(),
                Remark = request.Remark ?? "",
                Type = subnet.Type,
                VpcId = subnet.VpcId,
                SubnetId = subnet.Id,
                IpAddress = address.ToString(),
                Status = HaVipStatus.Creating,
                VirtualRouterId = HaVipRules.AllocateVirtualRouterId(subnet, vrids),
                AuthPass = KeepalivedConfigRenderer.NewAuthPass(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var instanceId in instanceIds)
            {
                changes.Bind(vip, instanceId, now);
            }
            db.HaVips.Add(vip);
            changes.Record([new HaVipEvent { HaVipId = vip.Id, At = now, Kind = HaVipEventKinds.Status, Status = HaVipStatus.Creating, Message = $"created with address {vip.IpAddress}" }]);
            if (vip.Bindings.Count > 0)
            {
                changes.RecordInstances(vip, now);
            }
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
            vip.Name = name?.Trim() ?? vip.Name;
            vip.Remark = remark ?? vip.Remark;
            vip.UpdatedAt = changes.Now;
            vip.Version++;
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
            var added = instanceIds.Where(i => vip.Bindings.TrueForAll(b => b.InstanceId != i)).ToArray();
            await CheckBindableAsync(subnet, added, vip.Id, c);
            foreach (var gone in vip.InstanceIds.Except(instanceIds, StringComparer.Ordinal))
            {
                changes.Unbind(vip, gone);
            }
            foreach (var instanceId in added)
            {
                changes.Bind(vip, instanceId, changes.Now);
            }
        }, ct);
    }

    public Task<HighAvailabilityVip> AddInstanceAsync(HaVipTarget target, string? instanceId, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        NameRules.CheckId(instanceId, ResourceId.InstancePrefix, errors, "instanceId");
        errors.ThrowIfAny();
        return ChangeInstancesAsync(target, async (vip, subnet, c) =>
        {
            HaVipRules.CheckAddCount(vip, instanceId!);
            await CheckBindableAsync(subnet, [instanceId!], vip.Id, c);
            changes.Bind(vip, instanceId!, changes.Now);
        }, ct);
    }

    public Task<HighAvailabilityVip> RemoveInstanceAsync(HaVipTarget target, string instanceId, CancellationToken ct) =>
        ChangeInstancesAsync(target, (vip, _, _) =>
        {
            if (vip.Bindings.TrueForAll(b => b.InstanceId != instanceId))
            {
                throw new DomainException(ErrorCode.NotFound, $"instance {instanceId} is not bound to HAVIP {vip.Id}.");
            }
            changes.Unbind(vip, instanceId);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Deletes (true: gone at once) or starts deleting (false: hosts still remove it).</summary>
    public Task<bool> DeleteAsync(HaVipTarget target, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var vip = await FindForChangeAsync(target, c);
        return await changes.DeleteAsync(vip, c);
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
        var ip = AddressRules.ParseAddress(ipAddress, errors, "ipAddress");
        errors.ThrowIfAny();
        var subnet = await db.FindSubnetAsync(subnetId, ct);
        AddressRules.CheckUsable(subnet, ip!.Value, await db.UsedAddressesAsync(subnet.Id, ct));
    }

    /// <summary>The address a create without one would get now: the lowest free one.</summary>
    public async Task<string> SuggestAddressAsync(string subnetId, CancellationToken ct)
    {
        var subnet = await db.FindSubnetAsync(subnetId, ct);
        return AddressRules.AllocateLowest(subnet, await db.UsedAddressesAsync(subnet.Id, ct)).ToString();
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
        HaVipTarget target, Func<HighAvailabilityVip, Subnet, CancellationToken, Task> change, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vip = await FindForChangeAsync(target, c);
            vip.EnsureInstancesChangeable();
            var subnet = await db.FindSubnetAsync(vip.SubnetId, c);
            var before = vip.InstanceIds;
            await change(vip, subnet, c);
            if (!before.SequenceEqual(vip.InstanceIds, StringComparer.Ordinal))
            {
                vip.UpdatedAt = changes.Now;
                changes.RecordInstances(vip, changes.Now);
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

    /// <summary>Each instance must exist, sit in the subnet, and hold fewer than 5 other HAVIPs.</summary>
    private async Task CheckBindableAsync(Subnet subnet, IReadOnlyList<string> instanceIds, string? haVipId, CancellationToken ct)
    {
        foreach (var instanceId in instanceIds)
        {
            var instance = await db.FindInstanceAsync(instanceId, ct);
            HaVipRules.CheckInstanceInSubnet(instance, subnet);
            HaVipRules.CheckInstanceQuota(instance.Id, await db.BindingCountAsync(instance.Id, haVipId, ct));
        }
    }
}
