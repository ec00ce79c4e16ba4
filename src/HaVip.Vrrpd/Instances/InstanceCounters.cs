using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Per-instance counters for `havipd status` and the metrics endpoint. Drops, transitions and the
/// last advert heard are written and read on the instance loop's thread only; packet counts are
/// atomic because a spaced gratuitous ARP (or Neighbor Advertisement) burst runs off it.
/// </summary>
internal sealed class InstanceCounters
{
    private static readonly int DropSlots = Enum.GetValues<DropReason>().Max(r => (int)r) + 1;
    private static readonly int TransitionSlots = Enum.GetValues<TransitionReason>().Max(r => (int)r) + 1;
    private long _advertsIn;
    private long _advertsOut;
    private long _garpsOut;
    private long _neighborAdvertsOut;

    // Created on first use: most instances never see a drop, and 1,000 empty tables add up.
    private long[]? _drops;
    private long[]? _transitions;

    public long AdvertsIn => Interlocked.Read(ref _advertsIn);

    public long AdvertsOut => Interlocked.Read(ref _advertsOut);

    public long GarpsOut => Interlocked.Read(ref _garpsOut);

    public long NeighborAdvertsOut => Interlocked.Read(ref _neighborAdvertsOut);

    /// <summary>When the last advert that passed the codec's checks was heard; null before the first.</summary>
    public DateTimeOffset? LastAdvertHeard { get; private set; }

    /// <summary>Refills <paramref name="into"/> with the drops by reason; no allocation once it has held these reasons.</summary>
    public void CopyDrops(Dictionary<DropReason, long> into) => NonZero(_drops, into, static i => (DropReason)i);

    /// <summary>Refills <paramref name="into"/> with the state changes by reason, as <see cref="CopyDrops"/>.</summary>
    public void CopyTransitions(Dictionary<TransitionReason, long> into) => NonZero(_transitions, into, static i => (TransitionReason)i);

    public void AdvertIn(DateTimeOffset at)
    {
        Interlocked.Increment(ref _advertsIn);
        LastAdvertHeard = at;
    }

    public void AdvertOut() => Interlocked.Increment(ref _advertsOut);

    public void GarpOut() => Interlocked.Increment(ref _garpsOut);

    public void NeighborAdvertOut() => Interlocked.Increment(ref _neighborAdvertsOut);

    /// <summary>Codec drops and state machine discards share one table: both are <see cref="DropReason"/>s.</summary>
    public void Drop(DropReason reason) => (_drops ??= new long[DropSlots])[(int)reason]++;

    public void Transition(TransitionReason reason) => (_transitions ??= new long[TransitionSlots])[(int)reason]++;

    /// <summary>Clear and refill in enum order: a dictionary that only ever has entries added and
    /// cleared keeps insertion order, and its buckets, so a refill allocates nothing.</summary>
    private static void NonZero<T>(long[]? slots, Dictionary<T, long> into, Func<int, T> reason)
        where T : struct, Enum
    {
        into.Clear();
        if (slots is null)
            return;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] != 0)
                into[reason(i)] = slots[i];
        }
    }
}
