using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>The top level of keepalived.conf.</summary>
internal static class TopLevelKeywords
{
    // keepalived blocks outside VRRP (LVS, static addresses, sync groups): known, not ours.
    private static readonly string[] Unsupported =
    [
        "vrrp_sync_group", "virtual_server", "virtual_server_group", "static_ipaddress", "static_routes",
        "static_rules", "vrrp_track_file", "track_file", "vrrp_track_process", "linkbeat_use_polling",
        "net_namespace", "instance",
    ];

    public static KeywordTable<KeepalivedConfig> Table { get; } = new("the top level", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<KeepalivedConfig>>> Handlers()
    {
        yield return new("global_defs", GlobalDefs);
        yield return new("vrrp_script", Script);
        yield return new("vrrp_instance", Instance);
        foreach (var k in Unsupported)
            yield return new(k, (s, _, c) => c.Warning(s.Position, DiagnosticCodes.NotSupported, $"'{s.Name}' is not supported by havipd (ignored)"));
    }

    private static void GlobalDefs(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (c.Block(s) is { } block)
            GlobalDefsKeywords.Table.Apply(block, config.GlobalDefs, c);
    }

    private static void Script(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var script = new VrrpScriptConfig { Name = name, Position = s.Position };
        VrrpScriptKeywords.Table.Apply(block, script, c);
        if (script.Script is null)
            c.Error(s.Position, DiagnosticCodes.MissingArgument, $"vrrp_script '{name}' has no 'script' command");
        if (!config.ScriptTable.TryAdd(name, script))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"vrrp_script '{name}' is defined twice (the first is kept)");
    }

    private static void Instance(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var instance = new VrrpInstanceConfig { Name = name, Position = s.Position };
        VrrpInstanceKeywords.Table.Apply(block, instance, c);
        if (config.InstanceList.Any(i => i.Name == name))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"vrrp_instance '{name}' is defined twice (the first is kept)");
        else
            config.InstanceList.Add(instance);
    }

    private static string? Name(Statement s, ParseContext c)
    {
        if (s.Args.Count > 1)
            c.Warning(s.Args[1].Position, DiagnosticCodes.ExtraArgument, $"'{s.Name}' ignores extra argument '{s.Args[1].Text}'");
        return c.Arg(s, 0, "a name")?.Text;
    }
}
