namespace HaVip.Vrrp.Config;

/// <summary>The model (always produced, with defaults where values were bad) and every diagnostic.</summary>
public sealed record ConfigParseResult(KeepalivedConfig Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
