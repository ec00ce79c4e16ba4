namespace HaVip.Server.Persistence;

/// <summary>
/// Who goes first when several changes wait for the <see cref="WriteGate"/>. Hosts' reports are
/// small and time-critical (the API's master and a HAVIP's status wait on them), so they do not
/// queue behind bulk API writes; a holder report goes before an acknowledgement. The audit trail
/// waits for everything else. Only <see cref="Normal"/> changes can change a host's desired
/// state or a key, so only they wake long-polling agents and key caches (in this process, and on
/// PostgreSQL in every replica).
/// </summary>
public enum WritePriority
{
    Record = 0,
    Normal = 1,
    Acknowledgement = 2,
    Holder = 3,
}
