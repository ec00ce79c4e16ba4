namespace HaVip.Domain.Hosts;

/// <summary>The kinds of a host's history, as stored and as the API shows them.</summary>
public static class HostEventKinds
{
    public const string Registered = "registered";
    public const string Stale = "stale";
    public const string Back = "back";
    public const string Repaired = "repaired";
}
