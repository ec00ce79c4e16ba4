namespace HaVip.Vrrp.Config;

/// <summary>
/// <c>vrrp_sync_group NAME { group { VI_1 VI_2 } notify_* track_* }</c>: its instances change state
/// together (one in FAULT puts all in FAULT, one going BACKUP takes the masters down with it) and
/// its own tracked objects fault every member.
/// </summary>
public sealed class SyncGroupConfig
{
    internal List<string> MemberList { get; } = [];

    internal List<TrackScriptRef> TrackScriptList { get; } = [];

    internal List<TrackInterfaceRef> TrackInterfaceList { get; } = [];

    internal List<TrackRef> TrackFileList { get; } = [];

    internal List<TrackRef> TrackProcessList { get; } = [];

    internal List<(string Name, SourcePosition Position)> MemberPositions { get; } = [];

    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    public IReadOnlyList<string> Members => MemberList;

    public NotifyScripts Notify { get; } = new();

    public IReadOnlyList<TrackScriptRef> TrackScripts => TrackScriptList;

    public IReadOnlyList<TrackInterfaceRef> TrackInterfaces => TrackInterfaceList;

    public IReadOnlyList<TrackRef> TrackFiles => TrackFileList;

    public IReadOnlyList<TrackRef> TrackProcesses => TrackProcessList;
}
