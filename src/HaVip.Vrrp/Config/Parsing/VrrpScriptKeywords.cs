using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>vrrp_script NAME { }</c>.</summary>
internal static class VrrpScriptKeywords
{
    public static KeywordTable<VrrpScriptConfig> Table { get; } = new("vrrp_script", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<VrrpScriptConfig>>> Handlers()
    {
        yield return new("script", (s, t, c) => t.Script = c.Command(s) ?? t.Script);
        yield return new("interval", (s, t, c) => Seconds(s, c, v => t.Interval = v));
        yield return new("timeout", (s, t, c) => Seconds(s, c, v => t.Timeout = v));
        yield return new("weight", Weight);
        yield return new("rise", (s, t, c) => Count(s, c, v => t.Rise = v));
        yield return new("fall", (s, t, c) => Count(s, c, v => t.Fall = v));
        yield return new("user", (s, t, c) => t.User = User(s, c) ?? t.User);
        yield return new("init_fail", (s, t, c) => { c.Simple(s, 0); t.InitFail = true; });
    }

    /// <summary><c>USER [GROUP]</c>, as <c>script_user</c> and a script's <c>user</c> take it.</summary>
    internal static ScriptUser? User(Statement s, ParseContext c)
    {
        c.Simple(s, 2);
        return c.Arg(s, 0, "a user name") is { } user ? new ScriptUser(user.Text, s.Args.Count > 1 ? s.Args[1].Text : null) : null;
    }

    private static void Seconds(Statement s, ParseContext c, Action<TimeSpan> apply)
    {
        c.Simple(s, 1);
        if (c.Seconds(s, 0, 0.001m, 86400, 6) is { } v)
            apply(v);
    }

    private static void Count(Statement s, ParseContext c, Action<int> apply)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 1, int.MaxValue) is { } v)
            apply(v);
    }

    private static void Weight(Statement s, VrrpScriptConfig t, ParseContext c)
    {
        if (WeightReader.Read(s, 0, c) is { } w)
            (t.Weight, t.WeightReverse) = w;
    }
}
