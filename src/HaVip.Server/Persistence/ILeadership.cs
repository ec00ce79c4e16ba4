namespace HaVip.Server.Persistence;

/// <summary>Whether this replica runs the periodic background work (deadlines and the like).</summary>
public interface ILeadership
{
    bool IsLeader { get; }
}
