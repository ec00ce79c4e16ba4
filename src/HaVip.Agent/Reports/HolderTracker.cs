using System.Collections.Concurrent;

namespace HaVip.Agent.Reports;

/// <summary>What to do with a holder claim.</summary>
internal enum HolderDecision
{
    /// <summary>Same holder, within the burst it was already reported in: a repeat GARP adds nothing.</summary>
    Quiet,
    /// <summary>Same holder, but long enough ago that the server should hear it again (it may have restarted).</summary>
    Refresh,
    /// <summary>Same holder claiming again after a silence: a new transition (another host's instance may have held it meanwhile); report at once.</summary>
    Reclaimed,
    /// <summary>A new holder: report at once.</summary>
    Changed,
}

/// <summary>
/// Keeps the report queue short: keepalived sends bursts of GARPs (five at a transition, five
/// more later), and each would be a database write queued ahead of the next real change. Only
/// repeats within a burst are dropped: this host sees its own instances' claims only, so "same
/// holder as I last reported" says nothing about whether another host's instance took the VIP in
/// between; a claim after <paramref name="burstGap"/> of silence is a new transition.
/// </summary>
internal sealed class HolderTracker(TimeProvider time, TimeSpan refresh, TimeSpan burstGap)
{
    public static readonly TimeSpan DefaultBurstGap = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Last> _last = new(StringComparer.Ordinal);

    public HolderTracker(TimeProvider time, TimeSpan refresh)
        : this(time, refresh, DefaultBurstGap)
    {
    }

    public HolderDecision Observe(string haVipId, string instanceId)
    {
        var now = time.GetTimestamp();
        var decision = _last.TryGetValue(haVipId, out var last) switch
        {
            false => HolderDecision.Changed,
            true when last.InstanceId != instanceId => HolderDecision.Changed,
            true when time.GetElapsedTime(last.SeenAt, now) >= burstGap => HolderDecision.Reclaimed,
            true when time.GetElapsedTime(last.ReportedAt, now) >= refresh => HolderDecision.Refresh,
            _ => HolderDecision.Quiet,
        };
        _last[haVipId] = new Last(instanceId, now, decision == HolderDecision.Quiet ? last.ReportedAt : now);
        return decision;
    }

    private readonly record struct Last(string InstanceId, long SeenAt, long ReportedAt);
}
