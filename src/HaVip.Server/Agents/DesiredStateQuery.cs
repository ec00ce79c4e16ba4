using HaVip.Contracts.Agents;
using HaVip.Domain.HaVips;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>Builds a host's complete desired state from the inventory and the HAVIPs.</summary>
public sealed class DesiredStateQuery(HaVipDbContext db, HostRegistry registry)
{
    public Task<long> SequenceAsync(CancellationToken ct) =>
        db.Sequences.AsNoTracking().Where(s => s.Name == SequenceRow.Change).Select(s => s.Value).SingleAsync(ct);

    /// <summary>The sequence is read first by the caller: data newer than it only makes an ack conservative.</summary>
    public async Task<DesiredStateDto> BuildAsync(string host, long sequence, CancellationToken ct)
    {
        var local = await db.Instances.AsNoTracking().Where(i => i.Host == host).OrderBy(i => i.Id).ToListAsync(ct);
        var subnetIds = local.SelectMany(i => i.Nics).Select(n => n.SubnetId).Distinct().ToArray();
        var subnets = await db.Subnets.AsNoTracking().Where(s => subnetIds.Contains(s.Id)).OrderBy(s => s.Vni).ToListAsync(ct);
        var vips = await db.HaVips.AsNoTracking()
            .Where(h => subnetIds.Contains(h.SubnetId) && h.Status != HaVipStatus.Deleting)
            .OrderBy(h => h.Id).ToListAsync(ct);
        var others = await db.Instances.AsNoTracking().Where(i => i.Host != null && i.Host != host).ToListAsync(ct);
        var remotes = others.SelectMany(i => i.Nics.Select(n => (n.SubnetId, Host: i.Host!))).Distinct().ToArray();

        var subnetStates = subnets.Select(s => new SubnetStateDto(s.Id, s.Cidr, s.Gateway, s.Vni,
            remotes.Where(r => r.SubnetId == s.Id).Select(r => registry.UnderlayOf(r.Host)).OfType<string>()
                .Distinct().Order(StringComparer.Ordinal).ToArray())).ToArray();
        var ports = local.SelectMany(i => i.Nics.OrderBy(n => n.Device, StringComparer.Ordinal).Select(n =>
        {
            var bound = vips.Where(v => v.SubnetId == n.SubnetId && v.Bindings.Any(b => b.InstanceId == i.Id)).Select(v => v.IpAddress);
            return new PortStateDto(i.Id, n.SubnetId, n.Device, PortNames.HostSide(i.Id, n.Device), n.MacAddress,
                [n.IpAddress], [n.IpAddress, .. bound]);
        })).ToArray();
        var vipStates = vips.Select(v => new HaVipStateDto(v.Id, v.SubnetId, v.IpAddress, v.InstanceIds)).ToArray();
        return new DesiredStateDto(host, sequence, subnetStates, ports, vipStates);
    }
}
