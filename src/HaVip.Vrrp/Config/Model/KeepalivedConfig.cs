namespace HaVip.Vrrp.Config;

/// <summary>The parsed keepalived.conf: global settings, named track scripts and VRRP instances.</summary>
public sealed class KeepalivedConfig
{
    internal Dictionary<string, VrrpScriptConfig> ScriptTable { get; } = new(StringComparer.Ordinal);

    internal List<VrrpInstanceConfig> InstanceList { get; } = [];

    internal List<SyncGroupConfig> SyncGroupList { get; } = [];

    internal Dictionary<string, TrackFileConfig> TrackFileTable { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, TrackProcessConfig> TrackProcessTable { get; } = new(StringComparer.Ordinal);

    /// <summary>Set once the LVS note was given: once per file, not per line.</summary>
    internal bool LvsNoted { get; set; }

    public GlobalDefs GlobalDefs { get; } = new();

    public IReadOnlyDictionary<string, VrrpScriptConfig> Scripts => ScriptTable;

    public IReadOnlyList<VrrpInstanceConfig> Instances => InstanceList;

    public IReadOnlyList<SyncGroupConfig> SyncGroups => SyncGroupList;

    public IReadOnlyDictionary<string, TrackFileConfig> TrackFiles => TrackFileTable;

    /// <summary>
    /// Forgets a track_file, and with it every instance's and group's reference to it: what
    /// keepalived does at start with a track file whose directory does not exist.
    /// </summary>
    public bool RemoveTrackFile(string name) => TrackFileTable.Remove(name);

    public IReadOnlyDictionary<string, TrackProcessConfig> TrackProcesses => TrackProcessTable;

    /// <summary>
    /// Forgets a vrrp_script, and with it every instance's and group's reference to it: what
    /// keepalived does with an insecure script under enable_script_security.
    /// </summary>
    public bool RemoveScript(string name) => ScriptTable.Remove(name);
}
