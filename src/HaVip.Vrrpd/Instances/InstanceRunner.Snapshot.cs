namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    /// <summary>The instance for `havipd status`; call on the loop thread (the router is not thread-safe).</summary>
    public InstanceStatus Status
    {
        get
        {
            var o = Plan.Options;
            return new InstanceStatus(
                Plan.Name,
                Plan.Interface,
                o.VirtualRouterId,
                (int)o.Version,
                _router.State.ToString().ToUpperInvariant(),
                _reason?.ToString(),
                _since,
                o.PrimaryAddress.ToString(),
                _master?.ToString(),
                o.Priority,
                _router.Priority,
                _masterPriority,
                o.AdvertisementInterval.TotalSeconds,
                _router.MasterAdverInterval.TotalSeconds,
                _router.MasterDownInterval.TotalSeconds,
                _router.NextDeadline,
                Counters.AdvertsIn,
                Counters.AdvertsOut,
                Counters.GarpsOut,
                Counters.LastAdvertHeard,
                Counters.Transitions,
                Counters.Drops);
        }
    }
}
