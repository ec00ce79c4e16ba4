namespace HaVip.Vrrpd.Daemon;

/// <param name="MetricsListen">Where to serve Prometheus metrics; null (the default) serves none.</param>
internal sealed record DaemonOptions(string ConfigFile, string ControlPath, string? PidFile, System.Net.IPEndPoint? MetricsListen = null)
{
    public const string DefaultConfig = "/etc/keepalived/keepalived.conf";
    public const string DefaultControl = "/run/havipd/havipd.sock";
}
