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

    /// <summary>Forgets every notify that runs <paramref name="command"/>, as keepalived ignores a disabled script.</summary>
    public void Remove(string command)
    {
        Master = Master == command ? null : Master;
        Backup = Backup == command ? null : Backup;
        Fault = Fault == command ? null : Fault;
        Stop = Stop == command ? null : Stop;
        Generic = Generic == command ? null : Generic;
    }
}
