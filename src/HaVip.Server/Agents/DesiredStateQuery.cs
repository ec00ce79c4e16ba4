using HaVip.Contracts.Agents;
using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>Builds a host's complete desired state from the inventory and the HAVIPs (read once per change, see <see cref="DesiredStateCache"/>).</summary>
public sealed class DesiredStateQuery(HaVipDbContext db, DesiredStateCache cache)
{
    public Task<long> SequenceAsync(CancellationToken ct) =>
        db.Sequences.AsNoTracking().Where(s => s.Name == SequenceRow.Change).Select(s => s.Value).SingleAsync(ct);

    /// <summary>The sequence is read first by the caller: data newer than it only makes an ack conservative.</summary>
    public async Task<DesiredStateDto> BuildAsync(string host, long sequence, CancellationToken ct)
    {
        var placed = await cache.PlacedInstancesAsync(sequence, ct);
        var local = placed.Where(i => i.Host == host).ToArray();
        var subnetIds = local.SelectMany(i => i.Nics).Select(n => n.SubnetId).Distinct().ToArray();
        var subnets = (await cache.SubnetsAsync(sequence, ct)).Where(s => subnetIds.Contains(s.Id)).ToArray();
        var vips = subnetIds.Length == 0 ? [] : await cache.HaVipsAsync(sequence, subnetIds, ct);
        var underlays = await cache.UnderlaysAsync(sequence, ct);
        var remotes = placed.Where(i => i.Host != host).SelectMany(i => i.Nics.Select(n => (n.SubnetId, Host: i.Host!))).Distinct().ToArray();

        var subnetStates = subnets.Select(s => new SubnetStateDto(s.Id, s.Cidr, s.Gateway, s.Vni,
            remotes.Where(r => r.SubnetId == s.Id).Select(r => underlays.GetValueOrDefault(r.Host)).OfType<string>()
                .Distinct().Order(StringComparer.Ordinal).ToArray())).ToArray();
        var ports = local.SelectMany(i => i.Nics.OrderBy(n => n.Device, StringComparer.Ordinal).Select(n =>
        {
            var bound = vips.Where(v => v.SubnetId == n.SubnetId && v.Bindings.Any(b => b.InstanceId == i.Id)).Select(v => v.IpAddress);
            return new PortStateDto(i.Id, n.SubnetId, n.Device, PortNames.HostSide(i.Id, n.Device), n.MacAddress,
                [n.IpAddress], [n.IpAddress, .. bound]);
        })).ToArray();
        var vipStates = vips.Select(v => new HaVipStateDto(v.Id, v.SubnetId, v.IpAddress, v.InstanceIds, DecisionOf(v, placed))).ToArray();
        return new DesiredStateDto(host, sequence, subnetStates, ports, vipStates);
    }

    /// <summary>The standing decision with the chosen instance's NIC in the HAVIP's subnet; none when it has no NIC there (nothing to recognise).</summary>
    private static HaVipDecisionDto? DecisionOf(HighAvailabilityVip vip, IReadOnlyList<Instance> placed) =>
        vip.DecidedInstanceId is { } chosen && placed.FirstOrDefault(i => i.Id == chosen)?.NicIn(vip.SubnetId) is { } nic
            ? new HaVipDecisionDto(chosen, nic.MacAddress, nic.IpAddress, vip.VirtualRouterId, KeepalivedConfigRenderer.AdvertIntervalSeconds * 1000)
            : null;
}
