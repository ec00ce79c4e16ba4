namespace HaVip.Vrrp.Config;

/// <summary>One problem found in a keepalived configuration; <see cref="Code"/> is stable across releases.</summary>
public sealed record ConfigDiagnostic(DiagnosticSeverity Severity, SourcePosition Position, string Code, string Message)
{
    /// <summary>Compiler style: <c>file:line:col: error KA0201: message</c>.</summary>
    public override string ToString() =>
        $"{Position}: {Word(Severity)} {Code}: {Message}";

    private static string Word(DiagnosticSeverity s) => s switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
