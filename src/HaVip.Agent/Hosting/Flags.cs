namespace HaVip.Agent.Hosting;

/// <summary>"--name value" pairs; the agent has few flags and no need for a parser library.</summary>
internal static class Flags
{
    public static Dictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = args[++i];
            }
        }
        return values;
    }
}
