namespace HaVip.Vrrp.Config;

/// <summary>An entry of an instance's or sync group's <c>track_file</c>; a null weight means the file block's own.</summary>
public sealed record TrackRef(string Name, int? Weight, bool Reverse, SourcePosition Position);
