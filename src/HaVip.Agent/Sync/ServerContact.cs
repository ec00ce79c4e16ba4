namespace HaVip.Agent.Sync;

/// <summary>
/// Whether the agent is in contact with the server, for the decisions it keeps alive
/// (docs/split-brain.md): it heard an answer less than <see cref="Grace"/> ago, or a long poll is
/// open and not overdue. When contact is lost the agent stops refreshing, and the data path
/// follows claims again once the decision elements lapse.
/// </summary>
internal sealed class ServerContact(TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private long? _heardAt;
    private (long Since, TimeSpan Wait)? _poll;

    public void PollStarted(TimeSpan wait)
    {
        lock (_lock)
        {
            _poll = (time.GetTimestamp(), wait);
        }
    }

    /// <summary>An answer arrived (or, with <paramref name="answered"/> false, the poll failed).</summary>
    public void PollEnded(bool answered)
    {
        lock (_lock)
        {
            _poll = null;
            if (answered)
            {
                _heardAt = time.GetTimestamp();
            }
        }
    }

    public bool InContact
    {
        get
        {
            lock (_lock)
            {
                var heard = _heardAt is { } at && time.GetElapsedTime(at) < Grace;
                var polling = _poll is { } p && time.GetElapsedTime(p.Since) < p.Wait + Grace;
                return heard || polling;
            }
        }
    }
}
