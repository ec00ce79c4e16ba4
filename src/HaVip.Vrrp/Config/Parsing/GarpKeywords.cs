namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// The gratuitous ARP keywords exist twice: <c>vrrp_garp_*</c> in global_defs and <c>garp_*</c> in
/// an instance, with the same meaning; both tables are built from this one list.
/// </summary>
internal static class GarpKeywords
{
    private const long MaxSeconds = 86400;

    public static IEnumerable<KeyValuePair<string, KeywordHandler<T>>> For<T>(string prefix, Func<T, GarpConfig> garp)
    {
        yield return new($"{prefix}master_delay", (s, t, c) => Set(s, c, v => garp(t).MasterDelay = Sec(v)));
        yield return new($"{prefix}master_repeat", (s, t, c) => Count(s, c, 1, v => garp(t).MasterRepeat = v));
        yield return new($"{prefix}master_refresh", (s, t, c) => Set(s, c, v => garp(t).MasterRefresh = Sec(v)));
        yield return new($"{prefix}master_refresh_repeat", (s, t, c) => Count(s, c, 1, v => garp(t).MasterRefreshRepeat = v));
        yield return new($"{prefix}lower_prio_delay", (s, t, c) => Set(s, c, v => garp(t).LowerPriorityDelay = Sec(v)));
        yield return new($"{prefix}lower_prio_repeat", (s, t, c) => Count(s, c, 0, v => garp(t).LowerPriorityRepeat = v));
    }

    private static TimeSpan Sec(int v) => TimeSpan.FromSeconds(v);

    private static void Set(Syntax.Statement s, ParseContext c, Action<int> apply)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 0, MaxSeconds) is { } v)
            apply(v);
    }

    private static void Count(Syntax.Statement s, ParseContext c, int min, Action<int> apply)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, min, 10000) is { } v)
            apply(v);
    }
}
