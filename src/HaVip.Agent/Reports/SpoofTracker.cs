using System.Collections.Concurrent;

namespace HaVip.Agent.Reports;

/// <summary>
/// Counts spoof attempts per (HAVIP, instance) and says when to report: the first at once, then
/// at most once per <paramref name="interval"/> with the count since, so a flood of claims does
/// not become a flood of events.
/// </summary>
internal sealed class SpoofTracker(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<(string HaVipId, string InstanceId), Entry> _entries = new();

    /// <summary>Returns the count to report now, or 0 to stay quiet.</summary>
    public long Observe(string haVipId, string instanceId)
    {
        var entry = _entries.GetOrAdd((haVipId, instanceId), _ => new Entry());
        lock (entry)
        {
            entry.Pending++;
            var now = time.GetTimestamp();
            if (entry.LastReport is { } last && time.GetElapsedTime(last, now) < interval)
            {
                return 0;
            }
            entry.LastReport = now;
            var count = entry.Pending;
            entry.Pending = 0;
            return count;
        }
    }

    private sealed class Entry
    {
        public long Pending { get; set; }

        public long? LastReport { get; set; }
    }
}
