namespace HaVip.Vrrp.Config;

/// <summary>A <c>track_script</c> entry; a null weight means the script's own weight.</summary>
public sealed record TrackScriptRef(string Name, int? Weight, bool Reverse, SourcePosition Position);
