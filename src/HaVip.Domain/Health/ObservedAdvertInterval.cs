using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;

namespace HaVip.Domain.Health;

/// <summary>
/// The advert interval the agents time a HAVIP's arbitration and silence elements by (each lives
/// 2.5 intervals, docs/split-brain.md): the one its instances are seen advertising, not the
/// generated configuration's. An element must lapse before a backup's Master_Down_Interval (3
/// intervals + skew) of the interval the master really advertises: an instance run at
/// advert_int 0.1 under elements timed for the configuration's 1 s had its takeover's gratuitous
/// ARPs dropped for 2.5 s, and its clients waited for the platform to move the decision and
/// announce it (about 0.7 s instead of 0.3 s; docs/benchmarks.md, IPv6 section).
/// </summary>
public static class ObservedAdvertInterval
{
    /// <summary>
    /// The chosen instance's observed interval; without a decision, the interval of the bound
    /// instance that advertised last (the master, or the last one); with no observation at all,
    /// <paramref name="configured"/>. The last advertiser, not the shortest ever seen: a stale
    /// observation of an instance reconfigured since would keep the elements too short for good.
    /// </summary>
    public static TimeSpan Of(IEnumerable<VrrpObservation> observations, IReadOnlyCollection<string> bound, int virtualRouterId, string? chosen, TimeSpan configured)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(bound);
        var seen = observations
            .Where(o => o.VirtualRouterId == virtualRouterId && bound.Contains(o.InstanceId) && o.AdvertInterval > TimeSpan.Zero && o.LastAdvertAt != default)
            .OrderByDescending(o => o.LastAdvertAt).ThenBy(o => o.InstanceId, StringComparer.Ordinal)
            .ToList();
        var pick = seen.Find(o => o.InstanceId == chosen) ?? seen.FirstOrDefault();
        return pick?.AdvertInterval ?? configured;
    }

    /// <summary>The HAVIP's interval in whole milliseconds (the desired state's), the generated keepalived.conf's before any advert is seen.</summary>
    public static int Milliseconds(HighAvailabilityVip vip, IEnumerable<VrrpObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(vip);
        return (int)Of(observations, vip.InstanceIds, vip.VirtualRouterId, vip.DecidedInstanceId,
            TimeSpan.FromSeconds(KeepalivedConfigRenderer.AdvertIntervalSeconds)).TotalMilliseconds;
    }
}
