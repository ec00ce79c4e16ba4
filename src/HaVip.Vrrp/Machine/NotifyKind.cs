namespace HaVip.Vrrp.Machine;

/// <summary>Which keepalived notify script to run (notify_master, notify_backup, notify_fault, notify_stop).</summary>
public enum NotifyKind
{
    Master,
    Backup,
    Fault,
    Stop,
}
