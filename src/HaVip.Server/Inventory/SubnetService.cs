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
