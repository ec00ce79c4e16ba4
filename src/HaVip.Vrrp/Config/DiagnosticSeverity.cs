namespace HaVip.Vrrp.Config;

public enum DiagnosticSeverity
{
    Warning,
    Error,

    /// <summary>havipd's own remark (a keyword it runs differently); keepalived says nothing here, so it does not refuse a config test.</summary>
    Note,
}
