using HaVip.Domain.Errors;

namespace HaVip.Domain.HaVips;

/// <summary>
/// Binding and unbinding instances. A change of the bound set returns its timeline event (none
/// when nothing changed); the caller then has the hosts apply it (<see cref="RequireApply"/>,
/// which bumps the version): the hosts' rules are what let a bound instance claim the VIP.
/// </summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>Adds one instance: refused while deleting, when already bound, or when 3 are bound.</summary>
    public IReadOnlyList<HaVipEvent> Bind(string instanceId, DateTime now)
    {
        CheckCanBind(instanceId);
        AddBinding(instanceId, now);
        return InstancesChanged(now);
    }

    /// <summary>Whether <see cref="Bind"/> would take <paramref name="instanceId"/>, before the instance itself is looked up.</summary>
    public void CheckCanBind(string instanceId)
    {
        EnsureInstancesChangeable();
        if (IsBound(instanceId))
        {
            throw new DomainException(ErrorCode.InvalidParameter, $"instance {instanceId} is already bound to HAVIP {Id}.", "instanceId");
        }
        if (_bindings.Count >= HaVipLimits.MaxInstancesPerHaVip)
        {
            throw new DomainException(ErrorCode.TooManyInstances,
                $"HAVIP {Id} already has {_bindings.Count} instances, the most it can have.", "instanceId");
        }
    }

    /// <summary>Removes one bound instance; the master's binding going away clears the master and the decision.</summary>
    public IReadOnlyList<HaVipEvent> Unbind(string instanceId, DateTime now)
    {
        EnsureInstancesChangeable();
        if (!IsBound(instanceId))
        {
            throw new DomainException(ErrorCode.NotFound, $"instance {instanceId} is not bound to HAVIP {Id}.");
        }
        RemoveBinding(instanceId);
        return InstancesChanged(now);
    }

    /// <summary>Binds exactly <paramref name="instanceIds"/> (0 to 3, distinct); those already bound keep their place.</summary>
    public IReadOnlyList<HaVipEvent> ReplaceInstances(IReadOnlyList<string> instanceIds, DateTime now)
    {
        EnsureInstancesChangeable();
        HaVipRules.CheckInstanceIds(instanceIds);
        var before = InstanceIds;
        foreach (var gone in before.Except(instanceIds, StringComparer.Ordinal))
        {
            RemoveBinding(gone);
        }
        foreach (var added in instanceIds.Where(i => !IsBound(i)))
        {
            AddBinding(added, now);
        }
        return before.SequenceEqual(InstanceIds, StringComparer.Ordinal) ? [] : InstancesChanged(now);
    }

    public bool IsBound(string instanceId) => _bindings.Exists(b => b.InstanceId == instanceId);

    /// <summary>The instances <see cref="ReplaceInstances"/> would add: those that must pass the bind checks.</summary>
    public IReadOnlyList<string> NotBound(IEnumerable<string> instanceIds) => instanceIds.Where(i => !IsBound(i)).ToArray();

    private void AddBinding(string instanceId, DateTime now) =>
        _bindings.Add(new HaVipBinding { HaVipId = Id, InstanceId = instanceId, CreatedAt = now });

    private void RemoveBinding(string instanceId)
    {
        _bindings.RemoveAll(b => b.InstanceId == instanceId);
        if (MasterInstanceId == instanceId || DecidedInstanceId == instanceId)
        {
            ClearMaster();
        }
    }

    private IReadOnlyList<HaVipEvent> InstancesChanged(DateTime now)
    {
        UpdatedAt = now;
        return [InstancesEvent(now)];
    }

    private HaVipEvent InstancesEvent(DateTime now) => NewEvent(HaVipEventKinds.Instances,
        _bindings.Count == 0 ? "no instances bound" : "instances: " + string.Join(", ", InstanceIds), now);
}
