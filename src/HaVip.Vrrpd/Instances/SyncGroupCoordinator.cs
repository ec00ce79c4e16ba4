using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Moves the members of each vrrp_sync_group together (keepalived vrrp_sync.c), on the instance
/// loop's thread: a member in FAULT of its own faults the others, a master going BACKUP takes the
/// other masters with it, a member becoming MASTER takes the backups that hear no master with it.
/// The group's own notify_* scripts run on the transition that started the move.
/// </summary>
internal sealed class SyncGroupCoordinator(Action<InstanceRunner, VrrpEvent> post, NotifyRunner notify)
{
    private readonly Dictionary<string, SyncGroupConfig> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InstanceRunner>> _members = new(StringComparer.Ordinal);

    /// <summary>The groups of the configuration now running (reload replaces them).</summary>
    public void Configure(IEnumerable<SyncGroupConfig> groups)
    {
        _groups.Clear();
        foreach (var g in groups)
            _groups[g.Name] = g;
    }

    public void Add(InstanceRunner runner)
    {
        if (GroupOf(runner) is not { } group)
            return;
        if (!_members.TryGetValue(group, out var list))
            _members[group] = list = [];
        list.Add(runner);
        runner.GroupChanged = Changed;
    }

    public void Remove(InstanceRunner runner)
    {
        if (GroupOf(runner) is { } group && _members.TryGetValue(group, out var list))
            list.Remove(runner);
    }

    internal static string? GroupOf(InstanceRunner runner) =>
        runner.Plan.Options.Tracked.FirstOrDefault(t => t.Kind == TrackKind.SyncGroup)?.Name;

    private void Changed(InstanceRunner runner, StateChanged? change)
    {
        if (GroupOf(runner) is not { } group || !_members.TryGetValue(group, out var members))
            return;
        foreach (var m in members)
            post(m, new TrackChanged(TrackKind.SyncGroup, group, !members.Any(o => o != m && o.IsOwnFaulted)));
        if (change is null || change.Reason == TransitionReason.SyncGroup)
            return;
        Follow(members, runner, change);
        if (_groups.TryGetValue(group, out var config) && Kind(change.To) is { } kind)
            notify.RunGroup(group, config.Notify, kind);
    }

    private void Follow(List<InstanceRunner> members, InstanceRunner leader, StateChanged change)
    {
        if (change.To == VrrpState.Master || (change.To == VrrpState.Backup && change.From == VrrpState.Master))
        {
            foreach (var m in members.Where(m => m != leader))
                post(m, new SyncGroupTransition(change.To));
        }
    }

    private static NotifyKind? Kind(VrrpState state) => state switch
    {
        VrrpState.Master => NotifyKind.Master,
        VrrpState.Backup => NotifyKind.Backup,
        VrrpState.Fault => NotifyKind.Fault,
        _ => null,
    };
}
