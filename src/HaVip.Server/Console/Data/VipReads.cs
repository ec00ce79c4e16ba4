using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Server.HaVips;
using HaVip.Server.Inventory;

namespace HaVip.Server.Console.Data;

/// <summary>The reads the VIP pages compose from the use-case services.</summary>
internal static class VipReads
{
    public static async Task<(IReadOnlyList<VipRow> Rows, int Total)> PageAsync(
        this ConsoleOps ops, HaVipFilter filter, int page, int pageSize, CancellationToken ct) =>
        await ops.RunAsync(async sp =>
        {
            var queries = sp.GetRequiredService<HaVipQueries>();
            var total = await queries.CountAsync(filter, ct);
            var vips = await queries.PageAsync(filter, page * pageSize, pageSize, ct);
            var ids = vips.SelectMany(v => v.InstanceIds).Append("").ToArray();
            var names = (await sp.GetRequiredService<InstanceService>().FindManyAsync(ids, ct)).ToDictionary(i => i.Id, i => i.Name);
            var subnets = (await sp.GetRequiredService<SubnetService>().ListAsync(null, ct)).ToDictionary(s => s.Id, s => s.Name);
            var findings = await queries.OpenFindingsAsync(vips.Select(v => v.Id).ToArray(), ct);
            return ((IReadOnlyList<VipRow>)vips.Select(v => ToRow(v, names, subnets) with
            {
                Health = findings[v.Id].Any() ? string.Join(' ', findings[v.Id].Select(f => f.Code.ToName())) : FindingNames.Ok,
                HealthTitle = findings[v.Id].Any() ? string.Join('\n', findings[v.Id].Select(f => $"{f.Code}: {f.Message}")) : null,
            }).ToArray(), total);
        });

    /// <summary>The subnet's instances with their NIC there and their HAVIP count, for a picker.</summary>
    public static Task<IReadOnlyList<InstanceChoice>> InstanceChoicesAsync(this ConsoleOps ops, string subnetId, CancellationToken ct) =>
        ops.RunAsync<InstanceService, IReadOnlyList<InstanceChoice>>(async instances =>
        {
            var list = await instances.ListAsync(null, subnetId, ct);
            var counts = await instances.HaVipCountsAsync(list.Select(i => i.Id), ct);
            return list.Select(i =>
            {
                var nic = i.NicIn(subnetId)!;
                return new InstanceChoice(i.Id, i.Name, nic.Ipv6Address is null ? nic.IpAddress : $"{nic.IpAddress}, {nic.Ipv6Address}", nic.Device, counts.GetValueOrDefault(i.Id));
            }).ToArray();
        });

    private static VipRow ToRow(HighAvailabilityVip v, Dictionary<string, string> names, Dictionary<string, string> subnets)
    {
        string Name(string id) => names.GetValueOrDefault(id, id);
        return new VipRow(
            v.Id, v.Name, v.Remark, v.IpAddress, v.Type, v.SubnetId, subnets.GetValueOrDefault(v.SubnetId, v.SubnetId),
            v.Status, v.StatusReason, string.Join(',', v.InstanceIds), string.Join(", ", v.InstanceIds.Select(Name)),
            v.MasterInstanceId, v.MasterInstanceId is null ? null : Name(v.MasterInstanceId));
    }
}
