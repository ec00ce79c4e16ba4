using System.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    private static readonly string[] ReasonNames = Enum.GetNames<TransitionReason>();

    // Text of the addresses, made when they change rather than at every snapshot.
    private string? _primaryText;
    private (IPAddress? Address, string? Text) _masterText;

    /// <summary>A new row for this instance (tests, one-off reads); call on the loop thread.</summary>
    public InstanceStatus Status
    {
        get
        {
            var row = new InstanceStatus();
            Fill(row);
            return row;
        }
    }

    /// <summary>
    /// Copies the instance's state into <paramref name="row"/> without allocating once the row has
    /// been filled before; call on the loop thread (the router is not thread-safe).
    /// </summary>
    public void Fill(InstanceStatus row)
    {
        var o = Plan.Options;
        row.Name = Plan.Name;
        row.Interface = Plan.Interface;
        row.VirtualRouterId = o.VirtualRouterId;
        row.Version = (int)o.Version;
        row.State = StateName(_router.State);
        row.StateReason = _reason is { } r && (int)r < ReasonNames.Length ? ReasonNames[(int)r] : _reason?.ToString();
        row.StateSince = _since;
        row.PrimaryAddress = _primaryText ??= o.PrimaryAddress.ToString();
        if (!Equals(_masterText.Address, _master))
            _masterText = (_master, _master?.ToString());
        row.MasterAddress = _masterText.Text;
        row.BasePriority = o.Priority;
        row.EffectivePriority = _router.Priority;
        row.MasterPriority = _masterPriority;
        row.AdvertIntervalSeconds = o.AdvertisementInterval.TotalSeconds;
        row.MasterAdverIntervalSeconds = _router.MasterAdverInterval.TotalSeconds;
        row.MasterDownIntervalSeconds = _router.MasterDownInterval.TotalSeconds;
        row.NextTimer = _router.NextDeadline;
        row.AdvertsIn = Counters.AdvertsIn;
        row.AdvertsOut = Counters.AdvertsOut;
        row.GratuitousArpsOut = Counters.GarpsOut;
        row.NeighborAdvertsOut = Counters.NeighborAdvertsOut;
        row.LastAdvertHeard = Counters.LastAdvertHeard;
        Counters.CopyTransitions(row.Transitions);
        Counters.CopyDrops(row.Drops);
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
