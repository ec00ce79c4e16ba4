namespace HaVip.Vrrp.Machine;

/// <summary>
/// Another member of our vrrp_sync_group became <paramref name="To"/> (MASTER or BACKUP) on its
/// own: a master follows it to BACKUP, a backup that hears no master follows it to MASTER.
/// </summary>
public sealed record SyncGroupTransition(VrrpState To) : VrrpEvent;
