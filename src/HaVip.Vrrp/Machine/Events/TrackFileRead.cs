namespace HaVip.Vrrp.Machine;

/// <summary>A track_file was read (at start, and each time it is written, moved or deleted): its number.</summary>
public sealed record TrackFileRead(string Name, int Value) : VrrpEvent;
