namespace HaVip.Vrrpd.Scheduling;

/// <summary>
/// The timers of every instance in one place: each item has at most one deadline and a slack (how
/// late it may run). <see cref="NextWake"/> is the earliest deadline plus its slack, and at a wake
/// every item already due runs, so items whose deadlines fall within one slack share one wake-up.
/// Pure: the caller passes the time. Not thread-safe: one loop owns it.
/// </summary>
/// <remarks>
/// Two binary heaps, by deadline (what is due) and by deadline + slack (when to wake), with lazy
/// deletion: rescheduling an item bumps its version and leaves the old entries to be skipped when
/// they surface, so a reschedule is O(log n) and allocates nothing once the heaps have grown.
/// </remarks>
internal sealed class DeadlineQueue<T>
    where T : class
{
    private readonly PriorityQueue<Entry, long> _byDeadline = new();
    private readonly PriorityQueue<Entry, long> _byWake = new();
    private readonly Dictionary<T, int> _versions = new(ReferenceEqualityComparer.Instance);

    private readonly record struct Entry(T Item, int Version);

    /// <summary>Items with a deadline.</summary>
    public int Count { get; private set; }

    /// <summary>Replaces the item's deadline; null cancels it. A negative slack counts as none.</summary>
    public void Set(T item, DateTimeOffset? deadline, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(item);
        var version = Cancel(item);
        if (deadline is not { } due)
        {
            _versions[item] = version;
            return;
        }

        // Odd versions are scheduled, even ones are not: one integer says both.
        _versions[item] = ++version;
        Count++;
        var entry = new Entry(item, version);
        _byDeadline.Enqueue(entry, due.UtcTicks);
        _byWake.Enqueue(entry, due.UtcTicks + Math.Max(0, slack.Ticks));
    }

    /// <summary>Forgets the item entirely (it left the loop).</summary>
    public void Remove(T item)
    {
        Cancel(item);
        _versions.Remove(item);
    }

    /// <summary>When the earliest item must run at the latest; null when no item has a deadline.</summary>
    public DateTimeOffset? NextWake
    {
        get
        {
            while (_byWake.TryPeek(out var e, out var wake))
            {
                if (IsCurrent(e))
                    return new DateTimeOffset(wake, TimeSpan.Zero);
                _byWake.Dequeue();
            }

            return null;
        }
    }

    /// <summary>
    /// Moves every item whose deadline is at or before <paramref name="now"/> to <paramref name="due"/>,
    /// earliest first, and clears their deadlines; returns the earliest deadline taken (null if none).
    /// </summary>
    public DateTimeOffset? TakeDue(DateTimeOffset now, List<T> due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var limit = now.UtcTicks;
        DateTimeOffset? earliest = null;
        while (_byDeadline.TryPeek(out var e, out var deadline) && deadline <= limit)
        {
            _byDeadline.Dequeue();
            if (!IsCurrent(e))
                continue;
            _versions[e.Item] = e.Version + 1;
            Count--;
            due.Add(e.Item);
            earliest ??= new DateTimeOffset(deadline, TimeSpan.Zero);
        }

        return earliest;
    }

    private bool IsCurrent(Entry e) => _versions.TryGetValue(e.Item, out var v) && v == e.Version;

    /// <summary>Invalidates the item's entries; returns its (now unscheduled, even) version.</summary>
    private int Cancel(T item)
    {
        if (!_versions.TryGetValue(item, out var version))
            return 0;
        if ((version & 1) == 0)
            return version;
        Count--;
        _versions[item] = ++version;
        return version;
    }
}
