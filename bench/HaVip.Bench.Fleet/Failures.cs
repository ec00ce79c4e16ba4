using System.Collections.Concurrent;

namespace HaVip.Bench.Fleet;

/// <summary>A phase's failed requests: how many, the first, and how many of each kind (which request: ack, poll, …).</summary>
internal readonly record struct PhaseFailures(int Count, string? First, string Kinds)
{
    public bool Any => Count > 0;
}

/// <summary>
/// Failed requests, counted per phase and per kind, the first kept: a phase with any prints
/// "failed" where its figures would be (a refused or timed-out request would flatter them), and
/// the run exits 1.
/// </summary>
internal sealed class Failures
{
    private readonly ConcurrentDictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private int _count;
    private string? _first;

    public int Count => Volatile.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    /// <summary>The failures since the last call, which start the next phase's count.</summary>
    public PhaseFailures Take()
    {
        var kinds = string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal).Select(k => $"{k} {(_kinds.TryRemove(k, out var n) ? n : 0)}"));
        return new PhaseFailures(Interlocked.Exchange(ref _count, 0), Interlocked.Exchange(ref _first, null), kinds);
    }

    public void Add(string what, string kind = "change")
    {
        Interlocked.Increment(ref _count);
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Interlocked.CompareExchange(ref _first, what, null);
    }
}
