using System.Collections.Concurrent;

namespace HaVip.Vrrpd.Instances;

/// <summary>Per-instance counters for `havipd status`; written by the instance's tasks, read by the control socket.</summary>
internal sealed class InstanceCounters
{
    private long _advertsIn;
    private long _advertsOut;
    private long _garpsOut;

    public ConcurrentDictionary<string, long> Drops { get; } = new(StringComparer.Ordinal);

    public long AdvertsIn => Interlocked.Read(ref _advertsIn);

    public long AdvertsOut => Interlocked.Read(ref _advertsOut);

    public long GarpsOut => Interlocked.Read(ref _garpsOut);

    public void AdvertIn() => Interlocked.Increment(ref _advertsIn);

    public void AdvertOut() => Interlocked.Increment(ref _advertsOut);

    public void GarpOut() => Interlocked.Increment(ref _garpsOut);

    /// <summary>Codec drops (HaVip.Net DropReason) and state machine discards share one table, named by reason.</summary>
    public void Drop(string reason) => Drops.AddOrUpdate(reason, 1, (_, n) => n + 1);
}
