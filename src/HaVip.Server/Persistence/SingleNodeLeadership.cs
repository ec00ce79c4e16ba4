namespace HaVip.Server.Persistence;

/// <summary>SQLite serves one process: it always leads.</summary>
internal sealed class SingleNodeLeadership : ILeadership
{
    public bool IsLeader => true;
}
