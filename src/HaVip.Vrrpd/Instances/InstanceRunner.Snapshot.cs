using HaVip.Vrrp.Machine;

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
                StateName(_router.State),
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

    /// <summary>Literals: upper-casing the enum's name made a string per instance per snapshot, on the loop thread.</summary>
    private static string StateName(VrrpState state) => state switch
    {
        VrrpState.Initialize => "INITIALIZE",
        VrrpState.Backup => "BACKUP",
        VrrpState.Master => "MASTER",
        VrrpState.Fault => "FAULT",
        _ => state.ToString().ToUpperInvariant(),
    };
}
