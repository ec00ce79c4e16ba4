namespace HaVip.Server.Persistence;

/// <summary>
/// The W3C <c>traceparent</c> of the write that made each recent change number, so that the
/// desired state an agent receives names the changes it carries and each host's apply joins
/// their traces. Kept in this process's memory only: an agent served by another replica than
/// the one that wrote gets no traceparent, and its apply starts a trace of its own. Only the
/// last <see cref="Capacity"/> changes are kept; an agent further behind re-syncs without them.
/// </summary>
public sealed class ChangeTraces
{
    public const int Capacity = 256;

    /// <summary>At most this many traceparents travel in one desired state (the newest ones).</summary>
    public const int MaxPerState = 16;

    private readonly Lock _lock = new();
    private readonly SortedList<long, string> _bySequence = [];

    public void Record(long sequence, string traceParent)
    {
        lock (_lock)
        {
            _bySequence[sequence] = traceParent;
            while (_bySequence.Count > Capacity)
            {
                _bySequence.RemoveAt(0);
            }
        }
    }

    /// <summary>
    /// The traceparents of the changes after <paramref name="after"/> up to <paramref name="upTo"/>,
    /// oldest first; null when none is known (tracing off, another replica wrote, a first sync).
    /// </summary>
    public IReadOnlyList<string>? Between(long? after, long upTo)
    {
        if (after is not { } from || from >= upTo)
        {
            return null;
        }
        lock (_lock)
        {
            var found = _bySequence.Where(e => e.Key > from && e.Key <= upTo).Select(e => e.Value).TakeLast(MaxPerState).ToArray();
            return found.Length == 0 ? null : found;
        }
    }
}
