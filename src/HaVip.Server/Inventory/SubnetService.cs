using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Inventory;

public sealed class SubnetService(HaVipDbContext db, WriteGate gate, TimeProvider time)
{
    /// <summary>VNIs start here so they never collide with small hand-picked test VNIs.</summary>
    private const int FirstVni = 1000;

    public Task<Subnet> CreateAsync(string? vpcId, string? name, string? cidr, string? gateway, SubnetType? type, string? ipv6Cidr, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        NameRules.CheckId(vpcId, ResourceId.VpcPrefix, errors, "vpcId");
        if (type is null)
        {
            errors.Add(ErrorCode.InvalidParameter, "type is required: internal or external.", "type");
        }
        NameRules.CheckName(name, errors);
        errors.ThrowIfAny();
        return gate.RunAsync(db, async c =>
        {
            var vpc = await db.FindVpcAsync(vpcId!, c);
            var siblings = await db.Subnets.Where(s => s.VpcId == vpc.Id).ToListAsync(c);
            var (prefix, gw, ipv6) = SubnetRules.CheckCreate(vpc, name, cidr, gateway, type!.Value, siblings, ipv6Cidr);
            // VNIs are the platform's, unique over every account's subnets.
            var vni = (await db.Subnets.IgnoreQueryFilters().MaxAsync(s => (int?)s.Vni, c) ?? FirstVni - 1) + 1;
            var subnet = new Subnet
            {
                Id = ResourceId.New(ResourceId.SubnetPrefix),
                AccountId = vpc.AccountId,
                VpcId = vpc.Id,
                Name = name!.Trim(),
                Cidr = prefix.ToString(),
                Gateway = gw.ToString(),
                Ipv6Cidr = ipv6?.ToString(),
                Type = type.Value,
                Vni = vni,
                CreatedAt = time.UtcNow(),
            };
            db.Subnets.Add(subnet);
            return subnet;
        }, ct);
    }

    /// <summary>
    /// Gives the subnet its IPv6 /64 and, in the same transaction, every NIC in it without an IPv6
    /// address the lowest free one (a cloud user expects the instances already there to reach the
    /// new family, as new ones do); the hosts of the subnet are woken so their ports accept those
    /// sources. Asking for the prefix the subnet has changes nothing but NICs still without an
    /// address (ones made before NICs got IPv6 addresses), which get one.
    /// </summary>
    public Task<Subnet> UpdateAsync(string id, string? ipv6Cidr, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var subnet = await db.FindSubnetAsync(id, c);
        if (ipv6Cidr is null)
        {
            return subnet;
        }
        var siblings = await db.Subnets.Where(s => s.VpcId == subnet.VpcId).ToListAsync(c);
        var prefix = SubnetRules.CheckIpv6Prefix(subnet, ipv6Cidr, siblings);
        var changed = subnet.AddIpv6Prefix(prefix);
        var used = await db.UsedIpv6AddressesAsync(subnet.Id, c);
        var instances = await db.Instances.Where(i => i.Nics.Any(n => n.SubnetId == subnet.Id)).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(c);
        foreach (var instance in instances)
        {
            changed |= instance.AddIpv6Addresses(subnet.Id, prefix, used);
        }
        if (changed)
        {
            await db.NextChangeSequenceAsync([ChangeScopeRow.Subnet(subnet.Id)], c);
        }
        return subnet;
    }, ct);

    public Task<List<Subnet>> ListAsync(string? vpcId, CancellationToken ct) =>
        db.Subnets.AsNoTracking().Where(s => vpcId == null || s.VpcId == vpcId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);

    public Task<Subnet> GetAsync(string id, CancellationToken ct) => db.FindSubnetAsync(id, ct);

    public Task DeleteAsync(string id, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var subnet = await db.FindSubnetAsync(id, c);
        if (await db.Nics.AnyAsync(n => n.SubnetId == id, c) || await db.HaVips.AnyAsync(h => h.SubnetId == id, c))
        {
            throw new DomainException(ErrorCode.InUse, $"subnet {id} is still used by NICs or HAVIPs; delete them first.");
        }
        db.Subnets.Remove(subnet);
        return true;
    }, ct);
}
