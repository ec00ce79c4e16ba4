namespace HaVip.Server.Persistence;

/// <summary>
/// Who goes first when several changes wait for the <see cref="WriteGate"/>. Hosts' reports are
/// small and time-critical (the API's master and a HAVIP's status wait on them), so they do not
/// queue behind bulk API writes; a holder report goes before an acknowledgement.
/// </summary>
public enum WritePriority
{
    Normal = 0,
    Acknowledgement = 1,
    Holder = 2,
}
