using HaVip.Domain;
using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Inventory;

public sealed class InstanceService(HaVipDbContext db, WriteGate gate, TimeProvider time, HaVipChanges changes)
{
    public Task<Instance> CreateAsync(string? name, string? vpcId, string? host, IReadOnlyList<NicSpec?>? nics, CancellationToken ct)
    {
        var specs = nics ?? [];
        InstanceRules.CheckCreate(name, vpcId, host, specs);
        return gate.RunAsync(db, async c =>
        {
            var vpc = await db.FindVpcAsync(vpcId!, c);
            var instance = new Instance
            {
                Id = ResourceId.New(ResourceId.InstancePrefix),
                AccountId = vpc.AccountId,
                Name = name!.Trim(),
                VpcId = vpc.Id,
                Host = string.IsNullOrWhiteSpace(host) ? null : host.Trim(),
                CreatedAt = time.UtcNow(),
            };
            for (var i = 0; i < specs.Count; i++)
            {
                // CheckInput refused null elements.
                instance.Nics.Add(await NewNicAsync(instance, vpc, specs[i]!, i, c));
            }
            db.Instances.Add(instance);
            if (instance.Host is not null)
            {
                await changes.InventoryChangedAsync(instance, null, c);
            }
            return instance;
        }, ct);
    }

    public Task<List<Instance>> ListAsync(string? vpcId, string? subnetId, CancellationToken ct) =>
        db.Instances.AsNoTracking()
            .Where(i => vpcId == null || i.VpcId == vpcId)
            .Where(i => subnetId == null || i.Nics.Any(n => n.SubnetId == subnetId))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct);

    public Task<List<Instance>> FindManyAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        return db.Instances.AsNoTracking().Where(i => wanted.Contains(i.Id)).ToListAsync(ct);
    }

    public Task<Instance> GetAsync(string id, CancellationToken ct) => db.FindInstanceAsync(id, ct);

    /// <summary>How many HAVIPs each instance holds (the console shows it next to the instance).</summary>
    public async Task<Dictionary<string, int>> HaVipCountsAsync(IEnumerable<string> instanceIds, CancellationToken ct)
    {
        var ids = instanceIds.ToArray();
        return await db.Bindings.Where(b => ids.Contains(b.InstanceId)).GroupBy(b => b.InstanceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public Task<Instance> UpdateAsync(string id, string? name, string? host, CancellationToken ct)
    {
        InstanceRules.CheckUpdate(name, host);
        return gate.RunAsync(db, async c =>
        {
            var instance = await db.FindInstanceAsync(id, c);
            var previousHost = instance.Host;
            if (instance.Update(name, host))
            {
                // Saved first: the hosts of the subnets are read from the database.
                await db.SaveChangesAsync(c);
                await changes.ReapplyBoundAsync(instance.Id, c);
                await changes.InventoryChangedAsync(instance, previousHost, c);
            }
            return instance;
        }, ct);
    }

    /// <summary>Deleting an instance unbinds it from every HAVIP first.</summary>
    public Task DeleteAsync(string id, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var instance = await db.FindInstanceAsync(id, c);
        await changes.UnbindEverywhereAsync(instance.Id, c);
        db.Instances.Remove(instance);
        if (instance.Host is not null)
        {
            await changes.InventoryChangedAsync(instance, null, c);
        }
        return true;
    }, ct);

    private async Task<Nic> NewNicAsync(Instance instance, Vpc vpc, NicSpec spec, int index, CancellationToken ct)
    {
        var field = $"nics[{index}]";
        var subnet = await db.FindSubnetAsync(spec.SubnetId!, ct);
        if (subnet.VpcId != vpc.Id)
        {
            throw new DomainException(ErrorCode.InvalidParameter, $"subnet {subnet.Id} belongs to another VPC than {vpc.Id}.", $"{field}.subnetId");
        }
        var used = await db.UsedAddressesAsync(subnet.Id, ct);
        Ipv4 address;
        if (spec.IpAddress is not null && Ipv4.TryParse(spec.IpAddress, out address))
        {
            AddressRules.CheckUsable(subnet, address, used, $"{field}.ipAddress");
        }
        else
        {
            address = AddressRules.AllocateLowest(subnet, used);
        }
        var mac = spec.MacAddress is null ? MacAddresses.Generate() : MacAddresses.Normalize(spec.MacAddress)!;
        // Unique per VPC: a VPC is one account's, so a conflict names nothing of another account.
        if (await db.Nics.AnyAsync(n => n.VpcId == vpc.Id && n.MacAddress == mac, ct))
        {
            throw new DomainException(ErrorCode.MacInUse, $"MAC {mac} is already used by another NIC in VPC {vpc.Id}.", $"{field}.macAddress");
        }
        return new Nic
        {
            InstanceId = instance.Id,
            Device = spec.Device ?? InstanceRules.DefaultDevice(index),
            SubnetId = subnet.Id,
            VpcId = vpc.Id,
            IpAddress = address.ToString(),
            MacAddress = mac,
        };
    }
}
