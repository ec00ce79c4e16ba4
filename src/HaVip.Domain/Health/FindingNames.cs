namespace HaVip.Domain.Health;

/// <summary>
/// A finding's name in query strings and metric labels: its code in kebab case (<c>SplitBrain</c> is
/// <c>split-brain</c>); the API's findings carry the code itself.
/// </summary>
public static class FindingNames
{
    /// <summary>The health filter's value for a HAVIP without open findings.</summary>
    public const string Ok = "ok";

    public static string ToName(this FindingCode code) =>
        string.Concat(code.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Every name, in code order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<FindingCode>().Select(ToName).ToArray();

    /// <summary>A finding by its kebab name or its code, case-insensitive.</summary>
    public static bool TryParse(string value, out FindingCode code)
    {
        foreach (var candidate in Enum.GetValues<FindingCode>())
        {
            if (string.Equals(value, candidate.ToName(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                code = candidate;
                return true;
            }
        }
        code = default;
        return false;
    }
}
