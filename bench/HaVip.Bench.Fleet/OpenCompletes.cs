namespace HaVip.Bench.Fleet;

/// <summary>
/// The fleet's complete-state polls open at once (a host holding nothing asks for a whole state),
/// and the most since the last look: how many complete syncs a phase asked of the servers
/// together, which each replica bounds by its slots (503 with Retry-After beyond them).
/// </summary>
internal sealed class OpenCompletes
{
    private int _open;
    private int _peak;

    /// <summary>A complete-state poll opens; disposing the result closes it.</summary>
    public IDisposable Enter()
    {
        var open = Interlocked.Increment(ref _open);
        var peak = Volatile.Read(ref _peak);
        while (open > peak && Interlocked.CompareExchange(ref _peak, open, peak) is var was && was != peak)
        {
            peak = was;
        }
        return new Closing(this);
    }

    /// <summary>The most open at once since the last call; the count starts again from those open now.</summary>
    public int TakePeak() => Interlocked.Exchange(ref _peak, Volatile.Read(ref _open));

    private sealed class Closing(OpenCompletes owner) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._open);
            }
        }
    }
}
