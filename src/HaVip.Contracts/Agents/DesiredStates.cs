namespace HaVip.Contracts.Agents;

/// <summary>How an agent turns the answers of its long-poll into complete states; the server orders complete states the same way.</summary>
public static class DesiredStates
{
    /// <summary>
    /// The complete state after <paramref name="answer"/>: the answer itself when complete; the
    /// state <paramref name="held"/> with the answer's subnets replaced when it is a delta over
    /// <paramref name="held"/>; null when it is a delta over another state (the agent then asks
    /// for a complete one).
    /// </summary>
    public static DesiredStateDto? Apply(DesiredStateDto? held, DesiredStateDto answer)
    {
        if (answer.BaseSequence is not { } baseSequence)
        {
            return answer;
        }
        if (held is null || held.Sequence != baseSequence || held.BaseSequence is not null)
        {
            return null;
        }
        var replaced = (answer.ReplacedSubnets ?? []).ToHashSet(StringComparer.Ordinal);
        return Ordered(new DesiredStateDto(held.Host, answer.Sequence,
            [.. held.Subnets.Where(s => !replaced.Contains(s.Id)), .. answer.Subnets],
            [.. held.Ports.Where(p => !replaced.Contains(p.SubnetId)), .. answer.Ports],
            [.. held.HaVips.Where(v => !replaced.Contains(v.SubnetId)), .. answer.HaVips],
            answer.TraceParents));
    }

    /// <summary>The one order of a complete state: subnets by VNI, ports by instance then device, HAVIPs by id (ordinal).</summary>
    public static DesiredStateDto Ordered(DesiredStateDto state) => state with
    {
        Subnets = [.. state.Subnets.OrderBy(s => s.Vni)],
        Ports = [.. state.Ports.OrderBy(p => p.InstanceId, StringComparer.Ordinal).ThenBy(p => p.Device, StringComparer.Ordinal)],
        HaVips = [.. state.HaVips.OrderBy(v => v.Id, StringComparer.Ordinal)],
    };
}
