namespace HaVip.Bench.Fleet;

/// <summary>Every failed request of the run, counted, the first kept: a run with any prints no figures.</summary>
internal sealed class Failures
{
    private int _count;
    private string? _first;

    public int Count => Volatile.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public void Add(string what)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, what, null);
    }
}
