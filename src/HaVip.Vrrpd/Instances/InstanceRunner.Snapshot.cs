namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    private static readonly IReadOnlyDictionary<string, long> EmptyDrops = System.Collections.Frozen.FrozenDictionary<string, long>.Empty;

    private InstanceStatus Snapshot()
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
            0,
            0,
            0,
            EmptyDrops); // counters are merged in live by Status
    }
}
