namespace HaVip.Vrrp.Config;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
