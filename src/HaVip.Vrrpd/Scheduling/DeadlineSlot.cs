namespace HaVip.Vrrpd.Scheduling;

/// <summary>An item of a <see cref="DeadlineQueue{T}"/>: it carries the queue's bookkeeping for itself.</summary>
internal interface IScheduled
{
    ref DeadlineSlot Slot { get; }
}

/// <summary>
/// One item's deadline and wake, and the keys of its entries in the queue's two heaps, in UTC
/// ticks. A new slot (all zero) has none of them: the queue stores none as 0, which no real time
/// is (year 1), and reads it back as <see cref="long.MaxValue"/>.
/// </summary>
internal struct DeadlineSlot
{
    private long _deadline;
    private long _wake;
    private long _deadlineKey;
    private long _wakeKey;

    internal long Deadline { readonly get => Read(_deadline); set => _deadline = Write(value); }

    internal long Wake { readonly get => Read(_wake); set => _wake = Write(value); }

    internal long DeadlineKey { readonly get => Read(_deadlineKey); set => _deadlineKey = Write(value); }

    internal long WakeKey { readonly get => Read(_wakeKey); set => _wakeKey = Write(value); }

    private static long Read(long stored) => stored == 0 ? long.MaxValue : stored;

    private static long Write(long value) => value == long.MaxValue ? 0 : value;
}
