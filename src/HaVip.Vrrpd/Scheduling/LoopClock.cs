namespace HaVip.Vrrpd.Scheduling;

/// <summary>
/// How well the instance loop keeps time, for status and metrics: the longest delay between a
/// timer's deadline and the loop running it, and the longest GC pause. Both explain a false
/// failover (a backup whose Master_Down_Timer ran late, or a master paused past its peers'
/// Master_Down_Interval). Written on the loop thread, read anywhere.
/// </summary>
internal sealed class LoopClock
{
    private long _latenessMaxTicks;
    private long _gcPauseMaxTicks;
    private int _gcSeen;
    private long _allocatedAtStart;

    public TimeSpan LatenessMax => TimeSpan.FromTicks(Interlocked.Read(ref _latenessMaxTicks));

    public TimeSpan GcPauseMax => TimeSpan.FromTicks(Interlocked.Read(ref _gcPauseMaxTicks));

    /// <summary>Bytes every thread of the process allocated since <see cref="Reset"/>: what makes the running daemon's heap grow.</summary>
    public long AllocatedSinceStart => GC.GetTotalAllocatedBytes() - Interlocked.Read(ref _allocatedAtStart);

    /// <summary>
    /// Forgets what start-up cost (JIT, parsing, the one compacting collection after start): the
    /// figures are about the running daemon.
    /// </summary>
    public void Reset()
    {
        _gcSeen = GC.CollectionCount(0);
        Interlocked.Exchange(ref _allocatedAtStart, GC.GetTotalAllocatedBytes());
        Interlocked.Exchange(ref _latenessMaxTicks, 0);
        Interlocked.Exchange(ref _gcPauseMaxTicks, 0);
    }

    /// <summary>The loop ran a timer due at <paramref name="deadline"/> at <paramref name="now"/>.</summary>
    public void Ran(DateTimeOffset deadline, DateTimeOffset now) => Max(ref _latenessMaxTicks, (now - deadline).Ticks);

    /// <summary>
    /// Called at every wake-up: when a collection happened since the last call, its pauses count.
    /// Two collections between wake-ups would hide the first; at advert intervals of milliseconds
    /// the loop wakes far more often than the GC runs.
    /// </summary>
    public void CheckGc()
    {
        var count = GC.CollectionCount(0);
        if (count == _gcSeen)
            return;
        _gcSeen = count;
        foreach (var pause in GC.GetGCMemoryInfo(GCKind.Any).PauseDurations)
            Max(ref _gcPauseMaxTicks, pause.Ticks);
    }

    private static void Max(ref long field, long value)
    {
        if (value > Interlocked.Read(ref field))
            Interlocked.Exchange(ref field, value);
    }
}
