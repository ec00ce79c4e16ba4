namespace HaVip.Vrrp.Machine;

/// <summary>
/// A tracked script (after rise/fall counting, see <see cref="Tracking.ScriptResultTracker"/>) or
/// interface went up or down.
/// </summary>
public sealed record TrackChanged(TrackKind Kind, string Name, bool Up) : VrrpEvent;
