namespace HaVip.Vrrp.Config;

/// <summary>The model (always produced, with defaults where values were bad) and every diagnostic.</summary>
public sealed record ConfigParseResult(KeepalivedConfig Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// Whether <c>keepalived --config-test</c> would complain (and exit non-zero): it reports every
    /// error and warning, havipd's notes are its own.
    /// </summary>
    public bool KeepalivedComplains => Diagnostics.Any(d => d.Severity != DiagnosticSeverity.Note);
}
