namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Per-instance counters for `havipd status`. Drops are counted and read on the instance loop's
/// thread only; packet counts are atomic because a spaced gratuitous ARP burst runs off it.
/// </summary>
internal sealed class InstanceCounters
{
    private static readonly IReadOnlyDictionary<string, long> None = new Dictionary<string, long>();
    private long _advertsIn;
    private long _advertsOut;
    private long _garpsOut;

    // Created on the first drop: most instances never see one, and 1,000 empty tables add up.
    private Dictionary<string, long>? _drops;

    public IReadOnlyDictionary<string, long> Drops => _drops ?? None;

    public long AdvertsIn => Interlocked.Read(ref _advertsIn);

    public long AdvertsOut => Interlocked.Read(ref _advertsOut);

    public long GarpsOut => Interlocked.Read(ref _garpsOut);

    public void AdvertIn() => Interlocked.Increment(ref _advertsIn);

    public void AdvertOut() => Interlocked.Increment(ref _advertsOut);

    public void GarpOut() => Interlocked.Increment(ref _garpsOut);

    /// <summary>Codec drops (HaVip.Net DropReason) and state machine discards share one table, named by reason.</summary>
    public void Drop(string reason)
    {
        _drops ??= new Dictionary<string, long>(StringComparer.Ordinal);
        _drops[reason] = _drops.GetValueOrDefault(reason) + 1;
    }
}
