using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Inventory;

public sealed class VpcService(HaVipDbContext db, WriteGate gate, TimeProvider time)
{
    public Task<Vpc> CreateAsync(string? name, string? cidr, CancellationToken ct)
    {
        var prefix = VpcRules.CheckCreate(name, cidr);
        return gate.RunAsync(db, _ =>
        {
            var vpc = new Vpc { Id = ResourceId.New(ResourceId.VpcPrefix), AccountId = db.Scope.RequireAccountId(), Name = name!.Trim(), Cidr = prefix.ToString(), CreatedAt = time.UtcNow() };
            db.Vpcs.Add(vpc);
            return Task.FromResult(vpc);
        }, ct);
    }

    public Task<List<Vpc>> ListAsync(CancellationToken ct) => db.Vpcs.AsNoTracking().OrderBy(v => v.CreatedAt).ThenBy(v => v.Id).ToListAsync(ct);

    public Task<Vpc> GetAsync(string id, CancellationToken ct) => db.FindVpcAsync(id, ct);

    public Task DeleteAsync(string id, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var vpc = await db.FindVpcAsync(id, c);
        if (await db.Subnets.AnyAsync(s => s.VpcId == id, c) || await db.Instances.AnyAsync(i => i.VpcId == id, c))
        {
            throw new DomainException(ErrorCode.InUse, $"VPC {id} still has subnets or instances; delete them first.");
        }
        db.Vpcs.Remove(vpc);
        return true;
    }, ct);
}
