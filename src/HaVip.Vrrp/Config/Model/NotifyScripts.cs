namespace HaVip.Vrrp.Config;

/// <summary>The <c>notify*</c> commands of an instance, each the whole command line as written.</summary>
public sealed class NotifyScripts
{
    public string? Master { get; internal set; }

    public string? Backup { get; internal set; }

    public string? Fault { get; internal set; }

    public string? Stop { get; internal set; }

    /// <summary><c>notify</c>: called with <c>INSTANCE name STATE priority</c> on every transition.</summary>
    public string? Generic { get; internal set; }
}
