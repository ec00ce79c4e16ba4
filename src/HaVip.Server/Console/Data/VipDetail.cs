using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.HaVips;
using HaVip.Server.Inventory;

namespace HaVip.Server.Console.Data;

/// <summary>Everything the detail page shows, read in one scope.</summary>
public sealed record VipDetail(
    HighAvailabilityVip Vip, Subnet Subnet, Vpc Vpc, IReadOnlyList<BoundInstance> Instances, IReadOnlyList<HaVipEvent> Events)
{
    /// <summary>Changes whenever anything the page shows changes.</summary>
    public string Signature => $"{Vip.Version}|{Vip.Status}|{Vip.StatusReason}|{Vip.MasterInstanceId}|{Events.Count}|{Vip.Name}|{Vip.Remark}";

    internal static async Task<VipDetail> LoadAsync(ConsoleOps ops, string id, CancellationToken ct) => await ops.RunAsync(async sp =>
    {
        var havips = sp.GetRequiredService<HaVipService>();
        var vip = await havips.GetAsync(id, ct);
        var subnet = await sp.GetRequiredService<SubnetService>().GetAsync(vip.SubnetId, ct);
        var vpc = await sp.GetRequiredService<VpcService>().GetAsync(vip.VpcId, ct);
        var instances = await sp.GetRequiredService<InstanceService>().FindManyAsync(vip.InstanceIds, ct);
        var bound = new List<BoundInstance>();
        foreach (var instanceId in vip.InstanceIds)
        {
            var instance = instances.Find(i => i.Id == instanceId);
            if (instance?.NicIn(subnet.Id) is { } nic)
            {
                bound.Add(new BoundInstance(instance, nic, instance.Id == vip.MasterInstanceId, await havips.RenderKeepalivedAsync(id, instance.Id, ct)));
            }
        }
        return new VipDetail(vip, subnet, vpc, bound, await havips.EventsAsync(id, ct));
    });
}

/// <summary>A bound instance, its NIC in the HAVIP's subnet, and the keepalived.conf it should run.</summary>
public sealed record BoundInstance(Instance Instance, Nic Nic, bool IsMaster, string KeepalivedConf);
