namespace HaVip.Vrrp.Machine;

/// <summary>
/// Something whose up/down state changes the effective priority (weight non-zero) or faults the
/// instance (weight 0), with keepalived's <c>reverse</c> flipping the sign of the adjustment.
/// </summary>
public sealed record TrackedObject(TrackKind Kind, string Name, int Weight, bool Reverse = false);
