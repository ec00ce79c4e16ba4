namespace HaVip.Vrrp.Config.Syntax;

/// <summary>Collects every diagnostic; parsing never stops at the first one (DESIGN principle 8).</summary>
internal sealed class DiagnosticBag
{
    private readonly List<ConfigDiagnostic> _items = [];

    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    public void Error(SourcePosition at, string code, string message) =>
        _items.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, at, code, message));

    public void Note(SourcePosition at, string code, string message) =>
        _items.Add(new ConfigDiagnostic(DiagnosticSeverity.Note, at, code, message));

    public void Warning(SourcePosition at, string code, string message) =>
        _items.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, at, code, message));
}
