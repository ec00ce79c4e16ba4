using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>vrrp_track_process NAME { }</c> (and <c>track_process</c>).</summary>
internal static class TrackProcessKeywords
{
    public static KeywordTable<TrackProcessConfig> Table { get; } = new("vrrp_track_process", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<TrackProcessConfig>>> Handlers()
    {
        yield return new("process", Process);
        yield return new("param_match", ParamMatch);
        yield return new("weight", (s, p, c) => { if (WeightReader.Read(s, 0, c) is { } w) (p.Weight, p.Reverse) = w; });
        yield return new("quorum", (s, p, c) => { c.Simple(s, 1); p.Quorum = c.Integer(s, 0, 1, 65535) ?? p.Quorum; });
        yield return new("quorum_max", (s, p, c) => { c.Simple(s, 1); p.QuorumMax = c.Integer(s, 0, 0, 65535) ?? p.QuorumMax; });
        yield return new("delay", (s, p, c) => { c.Simple(s, 1); if (c.Seconds(s, 0, 0, 86400, 6) is { } d) (p.ForkDelay, p.TerminateDelay) = (d, d); });
        yield return new("fork_delay", (s, p, c) => { c.Simple(s, 1); p.ForkDelay = c.Seconds(s, 0, 0, 86400, 6) ?? p.ForkDelay; });
        yield return new("terminate_delay", (s, p, c) => { c.Simple(s, 1); p.TerminateDelay = c.Seconds(s, 0, 0, 86400, 6) ?? p.TerminateDelay; });
        yield return new("full_command", (s, p, c) => { c.Simple(s, 0); p.FullCommand = true; });
    }

    private static void Process(Statement s, TrackProcessConfig p, ParseContext c)
    {
        if (c.Arg(s, 0, "a process name") is not { } name)
            return;
        p.Process = name.Text;
        p.Parameters = [.. s.Args.Skip(1).Select(a => a.Text)];
    }

    private static void ParamMatch(Statement s, TrackProcessConfig p, ParseContext c)
    {
        c.Simple(s, 1);
        switch (s.Args.Count > 0 ? s.Args[0].Text : null)
        {
            case null: p.ParamMatch = Config.ParamMatch.Exact; break;
            case "initial": p.ParamMatch = Config.ParamMatch.Initial; break;
            case "partial": p.ParamMatch = Config.ParamMatch.Partial; break;
            default: c.Error(s.Args[0].Position, DiagnosticCodes.InvalidNumber, $"param_match takes 'initial' or 'partial', not '{s.Args[0].Text}'"); break;
        }
    }
}
