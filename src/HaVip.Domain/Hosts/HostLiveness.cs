namespace HaVip.Domain.Hosts;

/// <summary>
/// The one rule for a host's state. Derived at every read from the last contact and the clock,
/// never stored: a stored flag goes on saying "ready" after the agent died with nobody to clear it.
/// </summary>
public static class HostLiveness
{
    /// <summary>The default silence after which a host is stale: three missed 5 s contacts.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(15);

    /// <summary><paramref name="lastSeen"/> null: no agent ever registered.</summary>
    public static HostState StateOf(DateTime? lastSeen, DateTime now, TimeSpan staleAfter) =>
        lastSeen switch
        {
            null => HostState.Unknown,
            { } seen when now - seen > staleAfter => HostState.Stale,
            _ => HostState.Ready,
        };

    /// <summary>The moment a silent host became stale (its last contact plus the threshold).</summary>
    public static DateTime StaleSince(DateTime lastSeen, TimeSpan staleAfter) => lastSeen + staleAfter;
}
