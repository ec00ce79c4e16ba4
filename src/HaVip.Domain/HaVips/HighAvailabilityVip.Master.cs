namespace HaVip.Domain.HaVips;

/// <summary>Which bound instance holds the VIP, as the hosts saw it claim the address.</summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>
    /// A bound instance claimed the VIP at <paramref name="claimedAt"/>, on the server's clock (see
    /// <see cref="HostReportRules.ClaimedAt"/>); older claims never win, nor claims of another instance than the one the platform chose while its decision stands. A <see cref="MasterSince"/>
    /// in the future was stored from an agent's clock before claims were placed on the server's, and
    /// bounds nothing. Not a change of the HAVIP's configuration: the version stays.
    /// </summary>
    public IReadOnlyList<HaVipEvent> TakeHolder(string instanceId, DateTime claimedAt, DateTime now)
    {
        if (Status == HaVipStatus.Deleting || !IsBound(instanceId) || OverruledByDecision(instanceId)
            || (MasterSince is { } since && since <= now && claimedAt <= since))
        {
            return [];
        }
        MasterSince = claimedAt;
        if (MasterInstanceId == instanceId)
        {
            return [];
        }
        var previous = MasterInstanceId;
        MasterInstanceId = instanceId;
        UpdatedAt = now;
        var message = previous is null ? $"master is now {instanceId}" : $"master moved from {previous} to {instanceId}";
        return [NewEvent(HaVipEventKinds.Master, message, claimedAt, instanceId: instanceId)];
    }

    /// <summary>The one way the holder is dropped (its binding went away, or the HAVIP is being deleted): its claim time and any decision go with it.</summary>
    private void ClearMaster()
    {
        MasterInstanceId = null;
        MasterSince = null;
        LiftDecision();
    }
}
