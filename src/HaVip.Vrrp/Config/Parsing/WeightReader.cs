using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Reads <c>N [reverse]</c> starting at an argument index; keepalived allows -253..253.</summary>
internal static class WeightReader
{
    public const int Max = 253;

    public static (int Weight, bool Reverse)? Read(Statement s, int index, ParseContext c)
    {
        var weight = c.Integer(s, index, -Max, Max, DiagnosticCodes.InvalidWeight);
        var reverse = false;
        if (index + 1 < s.Args.Count)
        {
            reverse = s.Args[index + 1].Text == "reverse";
            if (!reverse)
                c.Error(s.Args[index + 1].Position, DiagnosticCodes.InvalidWeight, $"expected 'reverse' after the weight, not '{s.Args[index + 1].Text}'");
        }

        if (index + 2 < s.Args.Count)
            c.Warning(s.Args[index + 2].Position, DiagnosticCodes.ExtraArgument, $"'{s.Name}' ignores extra argument '{s.Args[index + 2].Text}'");
        return weight is { } w ? (w, reverse) : null;
    }
}
