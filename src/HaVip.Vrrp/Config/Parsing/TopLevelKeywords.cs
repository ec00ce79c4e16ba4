using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>The top level of keepalived.conf.</summary>
internal static class TopLevelKeywords
{
    // Real keepalived blocks havipd does not run: each note says what havipd does instead.
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["static_ipaddress"] = "static addresses are not added: configure them in the system's network setup",
        ["static_routes"] = "static routes are not added: configure them in the system's network setup",
        ["static_rules"] = "static rules are not added: configure them in the system's network setup",
        ["linkbeat_use_polling"] = "links are watched by netlink",
        ["net_namespace"] = "run havipd inside the namespace: ip netns exec NAME havipd",
        ["instance"] = "one havipd runs one configuration",
        ["vrrp_track_bfd"] = "BFD is not tracked",
        ["bfd_instance"] = "BFD is not run",
    };

    private static readonly string[] Lvs = ["virtual_server", "virtual_server_group"];

    public static KeywordTable<KeepalivedConfig> Table { get; } = new("the top level", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<KeepalivedConfig>>> Handlers()
    {
        yield return new("global_defs", GlobalDefs);
        yield return new("vrrp_script", Script);
        yield return new("vrrp_instance", Instance);
        yield return new("vrrp_sync_group", SyncGroup);
        yield return new("track_file", TrackFile);
        yield return new("vrrp_track_file", TrackFile);
        yield return new("vrrp_track_process", TrackProcess);
        yield return new("track_process", TrackProcess);
        foreach (var (k, instead) in Unsupported)
            yield return new(k, (s, _, c) => c.Unsupported(s, instead));
        foreach (var k in Lvs)
            yield return new(k, LvsOnce);
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

    private static void LvsOnce(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (config.LvsNoted)
            return;
        config.LvsNoted = true;
        c.Note(s.Position, DiagnosticCodes.LvsOutOfScope, "LVS (virtual_server, virtual_server_group) is out of havipd's scope: havipd runs only the VRRP part of this file");
    }

    private static void SyncGroup(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var group = new SyncGroupConfig { Name = name, Position = s.Position };
        SyncGroupKeywords.Table.Apply(block, group, c);
        if (config.SyncGroupList.Any(g => g.Name == name))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"vrrp_sync_group '{name}' is defined twice (the first is kept)");
        else
            config.SyncGroupList.Add(group);
    }

    private static void TrackFile(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var file = new TrackFileConfig { Name = name, Position = s.Position };
        TrackFileKeywords.Table.Apply(block, file, c);
        if (file.Path is null)
            c.Error(s.Position, DiagnosticCodes.MissingArgument, $"track_file '{name}' has no 'file'");
        else if (!config.TrackFileTable.TryAdd(name, file))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"track_file '{name}' is defined twice (the first is kept)");
    }

    private static void TrackProcess(Statement s, KeepalivedConfig config, ParseContext c)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var process = new TrackProcessConfig { Name = name, Position = s.Position };
        TrackProcessKeywords.Table.Apply(block, process, c);
        if (process.Process is null)
            c.Error(s.Position, DiagnosticCodes.MissingArgument, $"vrrp_track_process '{name}' has no 'process'");
        else if (!config.TrackProcessTable.TryAdd(name, process))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"vrrp_track_process '{name}' is defined twice (the first is kept)");
    }

    private static string? Name(Statement s, ParseContext c)
    {
        if (s.Args.Count > 1)
            c.Warning(s.Args[1].Position, DiagnosticCodes.ExtraArgument, $"'{s.Name}' ignores extra argument '{s.Args[1].Text}'");
        return c.Arg(s, 0, "a name")?.Text;
    }
}
