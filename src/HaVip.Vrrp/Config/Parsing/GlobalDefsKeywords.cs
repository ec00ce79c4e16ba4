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
        "smtp_alert", "smtp_helo_name", "enable_script_security", "script_user", "lvs_id",
        "vrrp_notify_fifo", "notify_fifo", "enable_traps", "max_auto_priority",
    ];

    // Real keepalived keywords havipd does not implement: accepted with a warning.
    private static readonly string[] Unsupported =
    [
        "vrrp_strict", "vrrp_iptables", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_startup_delay",
        "dynamic_interfaces", "vrrp_check_unicast_src",
    ];

    public static KeywordTable<GlobalDefs> Table { get; } = new("global_defs", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<GlobalDefs>>> Handlers()
    {
        yield return new("router_id", RouterId);
        yield return new("vrrp_skip_check_adv_addr", (s, g, c) => g.SkipCheckAdvertAddresses = c.Flag(s));
        yield return new("vrrp_garp_interval", (s, g, c) => Interval(s, c, v => g.GarpInterval = v));
        yield return new("vrrp_gna_interval", (s, g, c) => Interval(s, c, v => g.GnaInterval = v));
        yield return new("vrrp_version", Version);
        yield return new("vrrp_rt_priority", (s, g, c) => g.RealtimePriority = Integer(s, c, 1, 99) ?? g.RealtimePriority);
        yield return new("vrrp_priority", (s, g, c) => g.NicePriority = Integer(s, c, -20, 19) ?? g.NicePriority);
        yield return new("vrrp_no_swap", (s, g, c) => g.NoSwap = c.Flag(s));
        yield return new("vrrp_higher_prio_send_advert", (s, g, c) => g.HigherPrioritySendAdvert = c.Flag(s));
        foreach (var h in GarpKeywords.For<GlobalDefs>("vrrp_garp_", g => g.Garp))
            yield return h;
        foreach (var k in Inert)
            yield return new(k, (_, _, _) => { });
        foreach (var k in Unsupported)
            yield return new(k, (s, _, c) => c.Warning(s.Position, DiagnosticCodes.NotSupported, $"'{s.Name}' is not supported by havipd (ignored)"));
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
        if (c.Seconds(s, 0, 0, 1000, 6) is { } v)
            apply(v);
    }

    private static void Version(Statement s, GlobalDefs g, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 2, 3, DiagnosticCodes.InvalidVersion) is { } v)
            g.Version = (VrrpVersion)v;
    }
}
