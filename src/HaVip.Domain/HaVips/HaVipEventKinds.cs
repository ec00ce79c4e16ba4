namespace HaVip.Domain.HaVips;

public static class HaVipEventKinds
{
    public const string Status = "status";
    public const string Master = "master";
    public const string Instances = "instances";
    public const string SpoofAttempt = "spoofAttempt";
    public const string FindingStarted = "findingStarted";
    public const string FindingEnded = "findingEnded";
}
