namespace HaVip.Vrrpd.Instances;

/// <summary>What a SIGHUP reload does: keep unchanged instances running, stop the rest, start the new.</summary>
internal sealed record ReloadPlan(IReadOnlyList<InstancePlan> Keep, IReadOnlyList<string> Stop, IReadOnlyList<InstancePlan> Start)
{
    /// <summary>Instances are matched by name; any change of settings means stop and start again.</summary>
    public static ReloadPlan Diff(IReadOnlyDictionary<string, InstancePlan> running, IReadOnlyList<InstancePlan> next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        var keep = new List<InstancePlan>();
        var start = new List<InstancePlan>();
        foreach (var plan in next)
        {
            if (running.TryGetValue(plan.Name, out var old) && old.Fingerprint == plan.Fingerprint)
                keep.Add(plan);
            else
                start.Add(plan);
        }

        var nextNames = keep.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var stop = running.Keys.Where(n => !nextNames.Contains(n)).Order(StringComparer.Ordinal).ToList();
        return new ReloadPlan(keep, stop, start);
    }
}
