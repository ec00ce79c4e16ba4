namespace HaVip.Domain.HaVips;

public static class HaVipEventKinds
{
    public const string Status = "status";
    public const string Master = "master";
    public const string Instances = "instances";
    public const string SpoofAttempt = "spoofAttempt";
    public const string FindingStarted = "findingStarted";
    public const string FindingEnded = "findingEnded";

    /// <summary>The platform chose which bound instance serves the VIP, or lifted its decision (docs/split-brain.md).</summary>
    public const string Arbitrated = "arbitrated";

    /// <summary>A host running a bound instance went stale; the status is left as it was (<see cref="HostPresenceEvents"/>).</summary>
    public const string HostStale = "hostStale";

    /// <summary>That host's agent is heard again.</summary>
    public const string HostBack = "hostBack";
}
