using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>track_file NAME { }</c> (and its older name <c>vrrp_track_file</c>).</summary>
internal static class TrackFileKeywords
{
    public static KeywordTable<TrackFileConfig> Table { get; } = new("track_file", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<TrackFileConfig>>> Handlers()
    {
        yield return new("file", (s, f, c) => { c.Simple(s, 1); f.Path = c.Arg(s, 0, "a file path")?.Text ?? f.Path; });
        yield return new("weight", Weight);
        yield return new("init_file", InitFile);
    }

    private static void Weight(Statement s, TrackFileConfig f, ParseContext c)
    {
        if (WeightReader.Read(s, 0, c) is { } w)
            (f.Weight, f.Reverse) = w;
    }

    // init_file [VALUE] [overwrite]: VALUE defaults to 0.
    private static void InitFile(Statement s, TrackFileConfig f, ParseContext c)
    {
        c.Simple(s, 2);
        f.InitValue = 0;
        foreach (var arg in s.Args.Take(2))
        {
            if (arg.Text == "overwrite")
                f.InitOverwrite = true;
            else if (int.TryParse(arg.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v))
                f.InitValue = v;
            else
                c.Error(arg.Position, DiagnosticCodes.InvalidNumber, $"init_file takes a number and/or 'overwrite', not '{arg.Text}'");
        }
    }
}
