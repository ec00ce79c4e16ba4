using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>global_defs</c>.</summary>
internal static class GlobalDefsKeywords
{
    // Real keepalived keywords with no bearing on VRRP behaviour: accepted without a word.
    private static readonly string[] Inert =
    [
        "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout",
        "smtp_alert", "smtp_helo_name", "lvs_id", "enable_traps", "max_auto_priority",
        "lvs_notify_fifo", "lvs_notify_fifo_script",
    ];

    // Real keepalived keywords havipd runs differently: each note says what havipd does instead.
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["vrrp_mcast_group4"] = "adverts go to 224.0.0.18",
        ["vrrp_mcast_group6"] = "instances are IPv4",
        ["vrrp_startup_delay"] = "instances start at once",
    };

    // keepalived 2.2.7 (as Debian builds it) does not know these in global_defs either: the same
    // "unknown keyword" warning, with what the writer probably meant.
    private static readonly Dictionary<string, string> UnknownWithHint = new(StringComparer.Ordinal)
    {
        ["garp_master_delay"] = "write vrrp_garp_master_delay",
        ["garp_master_repeat"] = "write vrrp_garp_master_repeat",
        ["garp_master_refresh"] = "write vrrp_garp_master_refresh",
        ["net_namespace"] = "run havipd inside the namespace: ip netns exec NAME havipd",
    };

    public static KeywordTable<GlobalDefs> Table { get; } = new("global_defs", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<GlobalDefs>>> Handlers()
    {
        yield return new("router_id", RouterId);
        yield return new("vrrp_skip_check_adv_addr", (s, g, c) => g.SkipCheckAdvertAddresses = c.Flag(s));
        yield return new("vrrp_garp_interval", (s, g, c) => Interval(s, c, v => g.GarpInterval = v));
        yield return new("vrrp_gna_interval", (s, g, c) => Interval(s, c, v => g.GnaInterval = v));
        // keepalived 2.2.7 reads these from 0.000001 s: 0 (the kubeadm guide's value) is "invalid",
        // and ignored, which leaves the default, no gap. Same result here, with its warning.
        yield return new("vrrp_version", Version);
        yield return new("vrrp_rt_priority", (s, g, c) => g.RealtimePriority = Integer(s, c, 1, 99) ?? g.RealtimePriority);
        yield return new("vrrp_priority", (s, g, c) => g.NicePriority = Integer(s, c, -20, 19) ?? g.NicePriority);
        yield return new("vrrp_no_swap", (s, g, c) => g.NoSwap = c.Flag(s));
        yield return new("vrrp_higher_prio_send_advert", (s, g, c) => g.HigherPrioritySendAdvert = c.Flag(s));
        yield return new("vrrp_lower_prio_no_advert", (s, g, c) => g.LowerPriorityNoAdvert = c.Flag(s));
        foreach (var h in NftablesKeywords.Handlers())
            yield return h;
        foreach (var h in GarpKeywords.For<GlobalDefs>("vrrp_garp_", g => g.Garp))
            yield return h;
        yield return new("vmac_prefix", (s, g, c) => g.VmacPrefix = VmacPrefix(s, c, g.VmacPrefix, "vmac prefix"));
        yield return new("vmac_addr_prefix", (s, g, c) => g.VmacAddressPrefix = VmacPrefix(s, c, g.VmacAddressPrefix, "vmac_addr prefix"));
        yield return new("default_interface", (s, g, c) => { c.Simple(s, 1); g.DefaultInterface = c.Arg(s, 0, "an interface name")?.Text ?? g.DefaultInterface; });
        yield return new("dynamic_interfaces", (s, g, c) => { c.Simple(s, 1); g.DynamicInterfaces = true; });
        yield return new("vrrp_check_unicast_src", (s, g, c) => { c.Simple(s, 0); g.CheckUnicastSource = true; });
        yield return new("vrrp_strict", (s, g, c) => { c.Simple(s, 0); g.Strict = true; });
        yield return new("enable_script_security", (s, g, c) => { c.Simple(s, 0); g.EnableScriptSecurity = true; });
        yield return new("script_user", (s, g, c) => g.ScriptUser = VrrpScriptKeywords.User(s, c) ?? g.ScriptUser);
        foreach (var prefix in (string[])["", "vrrp_"])
        {
            yield return new($"{prefix}notify_fifo", (s, g, c) => Fifo(s, g, c, prefix, script: false));
            yield return new($"{prefix}notify_fifo_script", (s, g, c) => Fifo(s, g, c, prefix, script: true));
        }

        foreach (var k in Inert)
            yield return new(k, (_, _, _) => { });
        foreach (var (k, instead) in Unsupported)
            yield return new(k, (s, _, c) => c.Unsupported(s, instead));
        foreach (var (k, hint) in UnknownWithHint)
        {
            yield return new(k, (s, _, c) => c.Warning(s.Position, DiagnosticCodes.UnknownKeyword,
                $"unknown keyword '{s.Name}' in global_defs (ignored; keepalived ignores it too: {hint})"));
        }
    }

    /// <summary>The FIFO and its script are separate lines; one entry per prefix collects both.</summary>
    private static void Fifo(Statement s, GlobalDefs g, ParseContext c, string prefix, bool script)
    {
        c.Simple(s, 3);
        if (c.Arg(s, 0, script ? "a command" : "a FIFO path") is not { } value)
            return;
        var current = g.FifoTable.GetValueOrDefault(prefix) ?? new NotifyFifoConfig("", null, s.Position);
        g.FifoTable[prefix] = script ? current with { Script = value.Text } : current with { Path = value.Text, Position = s.Position };
    }

    /// <summary>keepalived 2.2.7 (global_parser.c): the first one counts; a second is warned about and ignored.</summary>
    private static string? VmacPrefix(Statement s, ParseContext c, string? current, string what)
    {
        c.Simple(s, 1);
        if (c.Arg(s, 0, "a name prefix") is not { } t)
            return current;
        if (current is null)
            return t.Text;
        c.Warning(s.Position, DiagnosticCodes.VmacPrefixTwice, $"{what} has already been specified - ignoring {t.Text}");
        return current;
    }

    private static int? Integer(Statement s, ParseContext c, int min, int max)
    {
        c.Simple(s, 1);
        return c.Integer(s, 0, min, max);
    }

    private static void RouterId(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Simple(s, 1);
        g.RouterId = c.Arg(s, 0, "a name")?.Text ?? g.RouterId;
    }

    private static void Interval(Statement s, ParseContext c, Action<TimeSpan> apply)
    {
        c.Simple(s, 1);
        if (c.Seconds(s, 0, 0, 1000, 6) is not { } v)
            return;
        if (v == TimeSpan.Zero)
            c.Warning(s.Args[0].Position, DiagnosticCodes.InvalidNumber, $"'{s.Name}' 0 is invalid for keepalived (from 0.000001 s); the default, no gap, is used");
        apply(v);
    }

    private static void Version(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 2, 3, DiagnosticCodes.InvalidVersion) is { } v)
            g.Version = (VrrpVersion)v;
    }
}
