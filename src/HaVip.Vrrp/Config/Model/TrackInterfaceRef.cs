namespace HaVip.Vrrp.Config;

/// <summary>A <c>track_interface</c> entry; weight 0 means the interface going down faults the instance.</summary>
public sealed record TrackInterfaceRef(string Name, int Weight, bool Reverse, SourcePosition Position);
