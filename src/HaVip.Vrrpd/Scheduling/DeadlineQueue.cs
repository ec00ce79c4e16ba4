namespace HaVip.Vrrpd.Scheduling;

/// <summary>
/// The timers of every instance in one place: each item has at most one deadline and a slack (how
/// late it may run). <see cref="NextWake"/> is the earliest deadline plus its slack, and at a wake
/// every item already due runs, so items whose deadlines fall within one slack share one wake-up.
/// Pure: the caller passes the time. Not thread-safe: one loop owns it.
/// </summary>
/// <remarks>
/// Two binary heaps, by deadline (what is due) and by deadline + slack (when to wake). An item's
/// deadline and the key of the one entry that stands for it in each heap are kept on the item
/// (<see cref="IScheduled.Slot"/>). A deadline moved later, as a backup's Master_Down_Timer is at
/// every advert, leaves the heaps alone: the item's entry surfaces at the old time and goes back
/// in at the new one. Only a deadline moved earlier adds an entry, whose older one is skipped when
/// it surfaces. So the heaps hold about one entry per item instead of one per reschedule still in
/// the future (about 4 per backup at 1,000 instances, 100 KB arrays on the large-object heap).
/// </remarks>
internal sealed class DeadlineQueue<T>
    where T : class, IScheduled
{
    private const long None = long.MaxValue;
    private readonly PriorityQueue<T, long> _byDeadline = new();
    private readonly PriorityQueue<T, long> _byWake = new();

    /// <summary>Items with a deadline.</summary>
    public int Count { get; private set; }

    /// <summary>Entries in both heaps, current or not yet skipped.</summary>
    internal int Entries => _byDeadline.Count + _byWake.Count;

    /// <summary>Replaces the item's deadline; null cancels it. A negative slack counts as none.</summary>
    public void Set(T item, DateTimeOffset? deadline, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(item);
        ref var s = ref item.Slot;
        var due = deadline is { } d ? d.UtcTicks : None;
        Count += (due != None ? 1 : 0) - (s.Deadline != None ? 1 : 0);
        s.Deadline = due;
        if (due == None)
            return;
        s.Wake = due + Math.Max(0, slack.Ticks);
        if (s.DeadlineKey > s.Deadline)
        {
            _byDeadline.Enqueue(item, s.Deadline);
            s.DeadlineKey = s.Deadline;
        }

        if (s.WakeKey > s.Wake)
        {
            _byWake.Enqueue(item, s.Wake);
            s.WakeKey = s.Wake;
        }
    }

    /// <summary>Forgets the item's deadline (it left the loop); its entries are skipped when they surface.</summary>
    public void Remove(T item) => Set(item, null, TimeSpan.Zero);

    /// <summary>When the earliest item must run at the latest; null when no item has a deadline.</summary>
    public DateTimeOffset? NextWake
    {
        get
        {
            while (_byWake.TryPeek(out var item, out var key))
            {
                ref var s = ref item.Slot;
                if (s.WakeKey == key && s.Deadline != None && s.Wake == key)
                    return new DateTimeOffset(key, TimeSpan.Zero);
                _byWake.Dequeue();
                if (s.WakeKey != key)
                    continue;
                // The entry standing for the item: back in at its wake, or out with its deadline.
                s.WakeKey = s.Deadline == None ? None : s.Wake;
                if (s.WakeKey != None)
                    _byWake.Enqueue(item, s.WakeKey);
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
        while (_byDeadline.TryPeek(out var item, out var key) && key <= limit)
        {
            _byDeadline.Dequeue();
            ref var s = ref item.Slot;
            if (s.DeadlineKey != key)
                continue;
            if (s.Deadline != key)
            {
                // Moved later (or cancelled) since this entry went in: back in at the deadline, so
                // that items due now still come out earliest first.
                s.DeadlineKey = s.Deadline;
                if (s.Deadline != None)
                    _byDeadline.Enqueue(item, s.Deadline);
                continue;
            }

            s.Deadline = s.DeadlineKey = None;
            Count--;
            due.Add(item);
            earliest ??= new DateTimeOffset(key, TimeSpan.Zero);
        }

        return earliest;
    }
}
