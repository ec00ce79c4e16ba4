using System.Collections.Concurrent;

namespace HaVip.Agent.Reports;

/// <summary>What to do with a holder claim.</summary>
internal enum HolderDecision
{
    /// <summary>Same holder, reported recently: a repeat GARP adds nothing.</summary>
    Quiet,
    /// <summary>Same holder, but long enough ago that the server should hear it again (it may have restarted).</summary>
    Refresh,
    /// <summary>A new holder: report at once.</summary>
    Changed,
}

/// <summary>
/// Keeps the report queue short: keepalived sends bursts of GARPs (five at a transition, five
/// more later), and each would be a database write queued ahead of the next real change.
/// </summary>
internal sealed class HolderTracker(TimeProvider time, TimeSpan refresh)
{
    private readonly ConcurrentDictionary<string, (string InstanceId, long At)> _last = new(StringComparer.Ordinal);

    public HolderDecision Observe(string haVipId, string instanceId)
    {
        var now = time.GetTimestamp();
        var decision = _last.TryGetValue(haVipId, out var last) switch
        {
            false => HolderDecision.Changed,
            true when last.InstanceId != instanceId => HolderDecision.Changed,
            true when time.GetElapsedTime(last.At, now) >= refresh => HolderDecision.Refresh,
            _ => HolderDecision.Quiet,
        };
        if (decision != HolderDecision.Quiet)
        {
            _last[haVipId] = (instanceId, now);
        }
        return decision;
    }
}
