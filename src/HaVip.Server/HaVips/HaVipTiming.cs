using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Keepalived;

namespace HaVip.Server.HaVips;

/// <summary>An instance's observed advert interval for one VRID, whether it advertises and its last advert, as stored (<see cref="InstanceVrrp"/>).</summary>
public readonly record struct ObservedInterval(string InstanceId, int VirtualRouterId, bool Advertising, long Milliseconds, DateTime LastAdvertAt);

/// <summary>
/// How the hosts' data path times a HAVIP's bound instances' adverts (<see cref="AdvertTiming"/>): from
/// their observations with the HAVIP's VRID, which is what the data path matches them by, reported
/// since each was bound (<see cref="AdvertTiming.SinceBound"/>). The
/// desired state carries it and a report that changes it is a change the hosts must apply.
/// </summary>
public static class HaVipTiming
{
    /// <summary>The generated keepalived.conf's interval: the assumption for a cluster never seen advertising.</summary>
    public const int GeneratedMilliseconds = KeepalivedConfigRenderer.AdvertIntervalSeconds * 1000;

    public static IReadOnlyDictionary<string, int?> Of(HighAvailabilityVip vip, IEnumerable<ObservedInterval> observed) =>
        AdvertTiming.Of(vip.Bindings.Select(b => new BoundInstance(b.InstanceId, b.CreatedAt)).ToArray(),
            observed.Where(o => o.VirtualRouterId == vip.VirtualRouterId && vip.InstanceIds.Contains(o.InstanceId))
                .ToDictionary(o => o.InstanceId, o => new SeenInterval(o.Advertising, o.Milliseconds, o.LastAdvertAt), StringComparer.Ordinal),
            GeneratedMilliseconds);
}
