namespace HaVip.Vrrpd.Daemon;

internal sealed record DaemonOptions(string ConfigFile, string ControlPath, string? PidFile)
{
    public const string DefaultConfig = "/etc/keepalived/keepalived.conf";
    public const string DefaultControl = "/run/havipd/havipd.sock";
}
