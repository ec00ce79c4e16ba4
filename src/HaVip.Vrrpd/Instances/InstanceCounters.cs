using HaVip.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Per-instance counters for `havipd status` and the metrics endpoint. Drops, transitions and the
/// last advert heard are written and read on the instance loop's thread only; packet counts are
/// atomic because a spaced gratuitous ARP burst runs off it.
/// </summary>
internal sealed class InstanceCounters
{
    private static readonly int DropSlots = Enum.GetValues<DropReason>().Max(r => (int)r) + 1;
    private static readonly int TransitionSlots = Enum.GetValues<TransitionReason>().Max(r => (int)r) + 1;
    private long _advertsIn;
    private long _advertsOut;
    private long _garpsOut;

    // Created on first use: most instances never see a drop, and 1,000 empty tables add up.
    private long[]? _drops;
    private long[]? _transitions;

    public long AdvertsIn => Interlocked.Read(ref _advertsIn);

    public long AdvertsOut => Interlocked.Read(ref _advertsOut);

    public long GarpsOut => Interlocked.Read(ref _garpsOut);

    /// <summary>When the last advert that passed the codec's checks was heard; null before the first.</summary>
    public DateTimeOffset? LastAdvertHeard { get; private set; }

    /// <summary>Drops by reason, only the reasons seen, in enum order.</summary>
    public Dictionary<DropReason, long> Drops => NonZero<DropReason>(_drops);

    /// <summary>State changes by reason, only the reasons seen, in enum order.</summary>
    public Dictionary<TransitionReason, long> Transitions => NonZero<TransitionReason>(_transitions);

    public void AdvertIn(DateTimeOffset at)
    {
        Interlocked.Increment(ref _advertsIn);
        LastAdvertHeard = at;
    }

    public void AdvertOut() => Interlocked.Increment(ref _advertsOut);

    public void GarpOut() => Interlocked.Increment(ref _garpsOut);

    /// <summary>Codec drops and state machine discards share one table: both are <see cref="DropReason"/>s.</summary>
    public void Drop(DropReason reason) => (_drops ??= new long[DropSlots])[(int)reason]++;

    public void Transition(TransitionReason reason) => (_transitions ??= new long[TransitionSlots])[(int)reason]++;

    private static Dictionary<T, long> NonZero<T>(long[]? slots)
        where T : struct, Enum
    {
        var result = new Dictionary<T, long>();
        if (slots is null)
            return result;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] != 0)
                result[(T)(object)i] = slots[i];
        }

        return result;
    }
}
