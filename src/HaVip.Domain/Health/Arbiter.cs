using HaVip.Domain.Addressing;

namespace HaVip.Domain.Health;

/// <summary>
/// A bound instance as the arbiter sees it: its id, its primary address in the HAVIP's subnet (the
/// source of its adverts) and when it was bound (what was observed of it before does not count:
/// <see cref="AdvertTiming.SinceBound"/>).
/// </summary>
public sealed record ArbiterVoter(string InstanceId, string PrimaryAddress, DateTime BoundAt = default);

/// <summary>Another bound instance that advertises beside the chosen one, at its priority.</summary>
public sealed record ArbiterRival(string InstanceId, int Priority);

/// <summary>Why the chosen instance is chosen; its name is the metric label and the stored reason.</summary>
public enum ArbitrationReason
{
    /// <summary>It is the only bound instance advertising.</summary>
    Alone,
    /// <summary>Several advertise; it has the highest priority.</summary>
    Priority,
    /// <summary>Several advertise at its priority; it has the highest primary address.</summary>
    Address,
}

/// <summary>The platform's decision: which bound instance serves the VIP, why, and who advertises beside it.</summary>
public sealed record ArbiterDecision(string InstanceId, int Priority, ArbitrationReason Reason, IReadOnlyList<ArbiterRival> Beside);

/// <summary>
/// Which bound instance serves the VIP (docs/split-brain.md). Pure: VRRP's own election (RFC 5798
/// §6.4.3) over what the platform observed, so the decision is the one the cluster itself reaches
/// when a split heals and the heal never moves clients twice.
/// </summary>
public static class Arbiter
{
    /// <summary>
    /// Candidates are the bound instances advertising at <paramref name="now"/> (a run that starts
    /// later is not yet one, a run reported before the binding is none) with a priority other than
    /// 0 (a master resigning); the highest priority
    /// wins, then the highest primary address. Null when there is no candidate: the network follows
    /// claims as it does without arbitration.
    /// </summary>
    public static ArbiterDecision? Decide(IReadOnlyList<ArbiterVoter> bound, IReadOnlyList<VrrpObservation> observations, DateTime now)
    {
        var candidates = bound
            .Select(b => (Voter: b, Seen: observations.FirstOrDefault(o => o.InstanceId == b.InstanceId)))
            .Where(c => c.Seen is { Advertising: true, Priority: > 0 } seen && seen.StartedAt <= now && AdvertTiming.SinceBound(seen.LastAdvertAt, c.Voter.BoundAt))
            .Select(c => (c.Voter.InstanceId, c.Seen!.Priority, Address: AddressOf(c.Voter)))
            .OrderByDescending(c => c.Priority).ThenByDescending(c => c.Address)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var chosen = candidates[0];
        var reason = candidates.Count == 1 ? ArbitrationReason.Alone
            : candidates[1].Priority == chosen.Priority ? ArbitrationReason.Address
            : ArbitrationReason.Priority;
        return new(chosen.InstanceId, chosen.Priority, reason, candidates.Skip(1).Select(c => new ArbiterRival(c.InstanceId, c.Priority)).ToList());
    }

    /// <summary>The timeline's wording of a decision, e.g. "split brain: havip-02 advertises priority 90 beside havip-01 at 100; VIP kept on havip-01".</summary>
    public static string Describe(ArbiterDecision decision, string? previous)
    {
        var where = previous is null ? $"VIP on {decision.InstanceId}"
            : previous == decision.InstanceId ? $"VIP kept on {decision.InstanceId}"
            : $"VIP moved from {previous} to {decision.InstanceId}";
        var why = decision.Beside.Count == 0
            ? $"{decision.InstanceId} advertises alone at priority {decision.Priority}"
            : $"split brain: {string.Join(", ", decision.Beside.Select(r => $"{r.InstanceId} advertises priority {r.Priority}"))} beside {decision.InstanceId} at {decision.Priority}";
        return $"{why}; {where}";
    }

    /// <summary>The timeline's wording when no candidate is left.</summary>
    public static string DescribeLifted(string previous) =>
        $"no bound instance advertises; decision for {previous} lifted, the network follows claims";

    // An instance without a known address ranks below every address (0.0.0.0).
    private static uint AddressOf(ArbiterVoter voter) => Ipv4.TryParse(voter.PrimaryAddress, out var ip) ? ip.Value : 0;
}
