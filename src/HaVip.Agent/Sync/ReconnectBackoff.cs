namespace HaVip.Agent.Sync;

/// <summary>
/// How long an agent waits before trying the server again: doubling from 100 ms to 5 s, each
/// delay drawn uniformly from the upper half of its ceiling ("equal jitter"). Without the jitter
/// the agents of a replica that restarts all retry at 100, 200, 400 ms … after the same instant,
/// in lockstep, and reach the replicas that are left as one wave per step; the random half
/// spreads each step over its whole upper half, while the lower half keeps a failing agent from
/// retrying at once.
/// </summary>
internal sealed class ReconnectBackoff(Random random)
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    private TimeSpan _ceiling = Initial;

    /// <summary>The delay before the next try, in [ceiling/2, ceiling]; the ceiling then doubles, up to <see cref="Max"/>.</summary>
    public TimeSpan Next()
    {
        var delay = _ceiling * (0.5 + (0.5 * random.NextDouble()));
        _ceiling = TimeSpan.FromTicks(Math.Min(_ceiling.Ticks * 2, Max.Ticks));
        return delay;
    }

    /// <summary>A request went through: the next outage starts again from <see cref="Initial"/>.</summary>
    public void Reset() => _ceiling = Initial;
}
