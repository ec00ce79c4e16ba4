namespace HaVip.Server.Agents;

/// <summary>
/// Values read from the database per key (a subnet's desired-state entries, a host's subnets), kept
/// while no change touches the key's scope (<see cref="ChangeScopeRow"/>, as this replica's
/// <see cref="DesiredStateFeed"/> reads them). A change to a subnet wakes its ten hosts at once: the
/// first reads the subnet, the other nine share that read (also while it runs), so a change costs
/// one read of each subnet it touched, not one per host it wakes.
/// </summary>
/// <remarks>
/// A value is stamped with what the feed had read before the value was read (<see cref="FeedStamp"/>),
/// so it reflects every change up to the stamp. It serves an answer numbered <c>upTo</c> only while
/// the feed has read up to <c>upTo</c> and no change after the stamp touched the scope; otherwise
/// the key is read again. A change the feed has not read yet is a change the value may miss, so an
/// answer numbered after what the feed read (a complete state numbered by the database) reads afresh.
/// </remarks>
internal sealed class ScopeCache<T>(DesiredStateFeed feed, Func<string, string> scopeOf)
{
    private const int PruneFloor = 1024;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _pruneAt = PruneFloor;
    private long _reads;

    /// <summary>How many keys were read from the database, all batches together.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// The values of <paramref name="keys"/> for an answer numbered <paramref name="upTo"/>: those kept
    /// and still current, the others read in one batch by <paramref name="read"/> (which answers for
    /// every key it is given). The read is not cancelled with <paramref name="ct"/>: others may wait on it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, T>> GetAsync(IReadOnlyCollection<string> keys, long upTo,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> read, CancellationToken ct)
    {
        var found = new Dictionary<string, Task<T>>(StringComparer.Ordinal);
        var missing = new Dictionary<string, Task<T>>(StringComparer.Ordinal);
        TaskCompletionSource<IReadOnlyDictionary<string, T>>? batch = null;
        lock (_lock)
        {
            var stamped = feed.TryStamp(out var stamp);
            foreach (var key in keys)
            {
                if (found.ContainsKey(key))
                {
                    continue;
                }
                if (_slots.TryGetValue(key, out var slot) && feed.Unchanged(scopeOf(key), slot.Stamp, upTo))
                {
                    found[key] = slot.Value;
                    continue;
                }
                batch ??= new TaskCompletionSource<IReadOnlyDictionary<string, T>>(TaskCreationOptions.RunContinuationsAsynchronously);
                var value = PickAsync(batch.Task, key);
                missing[key] = found[key] = value;
                if (stamped)
                {
                    _slots[key] = new Slot(stamp, value);
                }
            }
            PruneLocked();
        }
        if (batch is not null)
        {
            await FillAsync(batch, missing, read);
        }
        var values = new Dictionary<string, T>(found.Count, StringComparer.Ordinal);
        foreach (var (key, value) in found)
        {
            values[key] = await value.WaitAsync(ct);
        }
        return values;
    }

    /// <summary>
    /// The values of <paramref name="keys"/> for an answer numbered <paramref name="upTo"/> when every
    /// one is kept and current (or being read by another answer); null when one would need a read.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, T>?> TryGetKeptAsync(IReadOnlyCollection<string> keys, long upTo, CancellationToken ct)
    {
        var kept = new Dictionary<string, Task<T>>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (!_slots.TryGetValue(key, out var slot) || !feed.Unchanged(scopeOf(key), slot.Stamp, upTo))
                {
                    return null;
                }
                kept[key] = slot.Value;
            }
        }
        var values = new Dictionary<string, T>(kept.Count, StringComparer.Ordinal);
        foreach (var (key, value) in kept)
        {
            values[key] = await value.WaitAsync(ct);
        }
        return values;
    }

    private async Task FillAsync(TaskCompletionSource<IReadOnlyDictionary<string, T>> batch, Dictionary<string, Task<T>> keys,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> read)
    {
        try
        {
            var values = await read([.. keys.Keys], CancellationToken.None);
            Interlocked.Add(ref _reads, keys.Count);
            batch.SetResult(values);
        }
        catch (Exception e)
        {
            // Not kept: the next answer reads again. Whoever shares this read sees the error.
            lock (_lock)
            {
                foreach (var (key, value) in keys)
                {
                    if (_slots.TryGetValue(key, out var slot) && ReferenceEquals(slot.Value, value))
                    {
                        _slots.Remove(key);
                    }
                }
            }
            batch.SetException(e);
        }
    }

    private static async Task<T> PickAsync(Task<IReadOnlyDictionary<string, T>> batch, string key) =>
        (await batch)[key];

    /// <summary>Drops values a change made stale, when the keys kept have doubled since the last look (deleted subnets and hosts leave).</summary>
    private void PruneLocked()
    {
        if (_slots.Count <= _pruneAt)
        {
            return;
        }
        foreach (var (key, slot) in _slots.ToArray())
        {
            if (!feed.Unchanged(scopeOf(key), slot.Stamp, slot.Stamp.Seen))
            {
                _slots.Remove(key);
            }
        }
        _pruneAt = Math.Max(PruneFloor, 2 * _slots.Count);
    }

    private sealed record Slot(FeedStamp Stamp, Task<T> Value);
}
