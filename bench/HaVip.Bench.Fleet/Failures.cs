namespace HaVip.Bench.Fleet;

/// <summary>A phase's failed requests: how many, and the first.</summary>
internal readonly record struct PhaseFailures(int Count, string? First)
{
    public bool Any => Count > 0;
}

/// <summary>
/// Failed requests, counted per phase, the first kept: a phase with any prints "failed" where its
/// figures would be (a refused or timed-out request would flatter them), and the run exits 1.
/// </summary>
internal sealed class Failures
{
    private int _count;
    private string? _first;

    public int Count => Volatile.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    /// <summary>The failures since the last call, which start the next phase's count.</summary>
    public PhaseFailures Take()
    {
        var taken = new PhaseFailures(Interlocked.Exchange(ref _count, 0), Interlocked.Exchange(ref _first, null));
        return taken;
    }

    public void Add(string what)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, what, null);
    }
}
