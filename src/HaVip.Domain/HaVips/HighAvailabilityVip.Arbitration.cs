using HaVip.Domain.Health;

namespace HaVip.Domain.HaVips;

/// <summary>
/// The platform's decision of which bound instance serves the VIP (<see cref="Arbiter"/>,
/// docs/split-brain.md). While it stands the chosen instance is the master: the others' claims are
/// dropped at their ports, so they never move it. Not a change of the HAVIP's configuration: the
/// version stays.
/// </summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>The instance the platform chose to serve the VIP; null when no decision stands.</summary>
    public string? DecidedInstanceId { get; private set; }

    /// <summary>Since when the chosen instance is chosen (a change of reason alone keeps it).</summary>
    public DateTime? DecidedSince { get; private set; }

    public ArbitrationReason? DecidedReason { get; private set; }

    /// <summary>
    /// Stores <paramref name="decision"/> (null: no bound instance advertises, the network follows
    /// claims) and returns its <see cref="HaVipEventKinds.Arbitrated"/> event; nothing when it is the
    /// stored one, names an instance no longer bound, or the HAVIP is being deleted.
    /// </summary>
    public IReadOnlyList<HaVipEvent> Arbitrate(ArbiterDecision? decision, DateTime now)
    {
        if (Status == HaVipStatus.Deleting || (decision is not null && !IsBound(decision.InstanceId)))
        {
            return [];
        }
        var previous = DecidedInstanceId;
        if (decision is null)
        {
            if (previous is null)
            {
                return [];
            }
            LiftDecision();
            return [NewEvent(HaVipEventKinds.Arbitrated, Arbiter.DescribeLifted(previous), now)];
        }
        if (previous == decision.InstanceId && DecidedReason == decision.Reason)
        {
            return [];
        }
        // The first decision names the holder the claims had made, so the timeline says where the VIP moved from.
        var before = previous ?? MasterInstanceId;
        var events = new List<HaVipEvent>(2);
        if (previous != decision.InstanceId)
        {
            if (MasterInstanceId != decision.InstanceId)
            {
                // The master's timeline reads the same whether a claim or a decision moved it.
                events.Add(NewEvent(HaVipEventKinds.Master, MasterInstanceId is null ? $"master is now {decision.InstanceId}" : $"master moved from {MasterInstanceId} to {decision.InstanceId}", now, instanceId: decision.InstanceId));
            }
            DecidedSince = now;
            MasterInstanceId = decision.InstanceId;
            MasterSince = now;
            UpdatedAt = now;
        }
        DecidedInstanceId = decision.InstanceId;
        DecidedReason = decision.Reason;
        events.Add(NewEvent(HaVipEventKinds.Arbitrated, Arbiter.Describe(decision, before), now, instanceId: decision.InstanceId));
        return events;
    }

    /// <summary>A claim from a bound instance that is not the chosen one while a decision stands: its data path drops it.</summary>
    private bool OverruledByDecision(string instanceId) => DecidedInstanceId is { } chosen && chosen != instanceId;

    private void LiftDecision()
    {
        DecidedInstanceId = null;
        DecidedSince = null;
        DecidedReason = null;
    }
}
