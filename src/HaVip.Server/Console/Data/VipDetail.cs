using System.Globalization;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Resources;
using HaVip.Server.HaVips;
using HaVip.Server.Inventory;

namespace HaVip.Server.Console.Data;

/// <summary>Everything the detail page shows, read in one scope.</summary>
public sealed record VipDetail(
    HighAvailabilityVip Vip, Subnet Subnet, Vpc Vpc, IReadOnlyList<BoundInstance> Instances, IReadOnlyList<HaVipEvent> Events,
    IReadOnlyList<HealthFinding> Findings)
{
    /// <summary>Changes whenever anything the page shows changes, the VRRP panel's rows and findings included.</summary>
    public string Signature =>
        $"{Vip.Version}|{Vip.Status}|{Vip.StatusReason}|{Vip.MasterInstanceId}|{Events.Count}|{Vip.Name}|{Vip.Remark}"
        + $"|{string.Join(';', Instances.Select(i => i.Vrrp?.Signature))}|{string.Join(';', Findings.Select(f => $"{f.Code}@{f.Since.Ticks}:{f.Message}"))}";

    internal static async Task<VipDetail> LoadAsync(ConsoleOps ops, string id, CancellationToken ct) => await ops.RunAsync(async sp =>
    {
        var havips = sp.GetRequiredService<HaVipService>();
        var vip = await havips.GetAsync(id, ct);
        var subnet = await sp.GetRequiredService<SubnetService>().GetAsync(vip.SubnetId, ct);
        var vpc = await sp.GetRequiredService<VpcService>().GetAsync(vip.VpcId, ct);
        var instances = await sp.GetRequiredService<InstanceService>().FindManyAsync(vip.InstanceIds, ct);
        // The same view and rules as GET /v1/havips/{id}: the page and the API agree at any moment.
        var cluster = await sp.GetRequiredService<HaVipHealth>().ViewAsync(vip, ct);
        var now = sp.GetRequiredService<HaVipClock>().Now;
        var bound = new List<BoundInstance>();
        foreach (var instanceId in vip.InstanceIds)
        {
            var instance = instances.Find(i => i.Id == instanceId);
            if (instance?.NicIn(subnet.Id) is { } nic)
            {
                var conf = await havips.RenderKeepalivedAsync(id, instance.Id, ct);
                bound.Add(new BoundInstance(instance, nic, instance.Id == vip.MasterInstanceId, conf, VrrpRow.Of(cluster.Of(instance.Id))));
            }
        }
        return new VipDetail(vip, subnet, vpc, bound, await havips.EventsAsync(id, ct), ClusterHealth.Evaluate(cluster, now));
    });
}

/// <summary>A bound instance, its NIC in the HAVIP's subnet, the keepalived.conf it should run, and what it was seen advertising (null: never).</summary>
public sealed record BoundInstance(Instance Instance, Nic Nic, bool IsMaster, string KeepalivedConf, VrrpRow? Vrrp);

/// <summary>One row of the VRRP panel: what the instance's agent last reported of its adverts.</summary>
public sealed record VrrpRow(bool Advertising, int Priority, TimeSpan AdvertInterval, int VirtualRouterId, int Version, DateTime LastAdvertAt)
{
    public string Signature => string.Create(CultureInfo.InvariantCulture, $"{Advertising},{Priority},{AdvertInterval.Ticks},{VirtualRouterId},{Version},{LastAdvertAt.Ticks}");

    public static VrrpRow? Of(VrrpObservation? seen) => seen is null
        ? null
        : new(seen.Advertising, seen.Priority, seen.AdvertInterval, seen.VirtualRouterId, seen.Version, seen.LastAdvertAt);
}
