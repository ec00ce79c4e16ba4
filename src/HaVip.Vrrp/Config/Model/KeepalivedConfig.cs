namespace HaVip.Vrrp.Config;

/// <summary>The parsed keepalived.conf: global settings, named track scripts and VRRP instances.</summary>
public sealed class KeepalivedConfig
{
    internal Dictionary<string, VrrpScriptConfig> ScriptTable { get; } = new(StringComparer.Ordinal);

    internal List<VrrpInstanceConfig> InstanceList { get; } = [];

    public GlobalDefs GlobalDefs { get; } = new();

    public IReadOnlyDictionary<string, VrrpScriptConfig> Scripts => ScriptTable;

    public IReadOnlyList<VrrpInstanceConfig> Instances => InstanceList;
}
