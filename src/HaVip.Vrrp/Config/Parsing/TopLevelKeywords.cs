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

    // A vrrp_script without a script stays in the table, so its track_script references are not
    // reported a second time; a track file or process without its file or process is dropped.
    private static readonly NamedBlock<VrrpScriptConfig> Scripts = new(
        "vrrp_script", "'script' command", (n, at) => new() { Name = n, Position = at }, VrrpScriptKeywords.Table, x => x.Script is not null, KeepIncomplete: true);

    private static readonly NamedBlock<TrackFileConfig> Files = new(
        "track_file", "'file'", (n, at) => new() { Name = n, Position = at }, TrackFileKeywords.Table, x => x.Path is not null, KeepIncomplete: false);

    private static readonly NamedBlock<TrackProcessConfig> Processes = new(
        "vrrp_track_process", "'process'", (n, at) => new() { Name = n, Position = at }, TrackProcessKeywords.Table, x => x.Process is not null, KeepIncomplete: false);

    public static KeywordTable<KeepalivedConfig> Table { get; } = new("the top level", Handlers());

    /// <summary>A named top-level block kept by name: what it is called in messages, what it must contain.</summary>
    private sealed record NamedBlock<T>(string Kind, string Required, Func<string, SourcePosition, T> Create, KeywordTable<T> Keywords, Func<T, bool> IsComplete, bool KeepIncomplete);

    private static IEnumerable<KeyValuePair<string, KeywordHandler<KeepalivedConfig>>> Handlers()
    {
        yield return new("global_defs", GlobalDefs);
        yield return new("vrrp_script", (s, config, c) => ReadNamed(s, c, Scripts, config.ScriptTable));
        yield return new("vrrp_instance", Instance);
        yield return new("vrrp_sync_group", SyncGroup);
        foreach (var k in new[] { "track_file", "vrrp_track_file" })
            yield return new(k, (s, config, c) => ReadNamed(s, c, Files, config.TrackFileTable));
        foreach (var k in new[] { "vrrp_track_process", "track_process" })
            yield return new(k, (s, config, c) => ReadNamed(s, c, Processes, config.TrackProcessTable));
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

    private static void ReadNamed<T>(Statement s, ParseContext c, NamedBlock<T> kind, Dictionary<string, T> table)
    {
        if (Name(s, c) is not { } name || c.Block(s) is not { } block)
            return;
        var item = kind.Create(name, s.Position);
        kind.Keywords.Apply(block, item, c);
        var complete = kind.IsComplete(item);
        if (!complete)
            c.Error(s.Position, DiagnosticCodes.MissingArgument, $"{kind.Kind} '{name}' has no {kind.Required}");
        if ((complete || kind.KeepIncomplete) && !table.TryAdd(name, item))
            c.Error(s.Args[0].Position, DiagnosticCodes.DuplicateName, $"{kind.Kind} '{name}' is defined twice (the first is kept)");
    }

    private static string? Name(Statement s, ParseContext c)
    {
        if (s.Args.Count > 1)
            c.Warning(s.Args[1].Position, DiagnosticCodes.ExtraArgument, $"'{s.Name}' ignores extra argument '{s.Args[1].Text}'");
        return c.Arg(s, 0, "a name")?.Text;
    }
}
