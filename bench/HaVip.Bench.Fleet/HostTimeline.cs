using System.Diagnostics;
using System.Globalization;
using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Bench.Fleet;

/// <summary>
/// One simulated host's latest requests, in order: each poll opened (with the version it held),
/// answered (with the version, what it was over and the subnets it replaced), each ack sent,
/// refused and answered, and what went wrong. A change that a host did not acknowledge in time
/// prints the host's timeline, so the failure says where the host was: a poll never answered, an
/// answer without the change, an ack refused or late.
/// </summary>
internal sealed class HostTimeline
{
    /// <summary>Enough for a host's last 15 s at the steady rate (about one change every 2 s per host, 4–5 events each).</summary>
    private const int Capacity = 48;

    private readonly Lock _lock = new();
    private readonly Entry[] _entries = new Entry[Capacity];
    private int _count;

    public void Add(string what, DesiredStateDto? answer = null)
    {
        var entry = new Entry(Stopwatch.GetTimestamp(), what, answer);
        lock (_lock)
        {
            _entries[_count % Capacity] = entry;
            _count++;
        }
    }

    /// <summary>
    /// The events from <paramref name="margin"/> before <paramref name="origin"/> on, each at its
    /// milliseconds from <paramref name="origin"/>; an answer is followed by what
    /// <paramref name="shows"/>, if given, says of it (whether it shows the change).
    /// </summary>
    public string Describe(long origin, TimeSpan margin, Func<DesiredStateDto, string>? shows = null)
    {
        Entry[] entries;
        lock (_lock)
        {
            var first = Math.Max(0, _count - Capacity);
            entries = [.. Enumerable.Range(first, _count - first).Select(i => _entries[i % Capacity])];
        }
        var from = origin - (long)(margin.TotalSeconds * Stopwatch.Frequency);
        var shown = entries.Where(e => e.At >= from).ToArray();
        var text = new StringBuilder();
        if (shown.Length < entries.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"({entries.Length - shown.Length} earlier) ");
        }
        else if (entries.Length == Capacity)
        {
            text.Append("(older events dropped) ");
        }
        foreach (var e in shown)
        {
            var ms = (e.At - origin) * 1000.0 / Stopwatch.Frequency;
            text.Append(CultureInfo.InvariantCulture, $"{ms:+0;-0} ms {e.What}");
            if (e.Answer is { } answer && shows is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({shows(answer)})");
            }
            text.Append("; ");
        }
        return text.Length == 0 ? "no event" : text.ToString().TrimEnd(' ', ';');
    }

    private readonly record struct Entry(long At, string What, DesiredStateDto? Answer);
}
