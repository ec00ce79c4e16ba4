namespace HaVip.Vrrp.Machine;

/// <summary>
/// Up/down state of the tracked objects and what it means. keepalived (vrrp_track.c): a positive
/// weight counts while the object is up, a negative one while it is down, <c>reverse</c> flips the
/// sign of the adjustment, and a weight-0 object faults the instance while down (while up when reversed).
/// </summary>
internal sealed class TrackSet
{
    private const int OwnerPriority = 255;
    private readonly Dictionary<(TrackKind, string), (TrackedObject Object, bool Up)> _items = [];

    public TrackSet(IEnumerable<TrackedObject> tracked)
    {
        // Everything starts up: until the daemon reports otherwise, nothing has failed.
        foreach (var t in tracked)
            _items[(t.Kind, t.Name)] = (t, true);
    }

    /// <summary>Records a change; false when the object is not tracked or nothing changed.</summary>
    public bool Set(TrackKind kind, string name, bool up)
    {
        if (!_items.TryGetValue((kind, name), out var item) || item.Up == up)
            return false;
        _items[(kind, name)] = (item.Object, up);
        return true;
    }

    public bool IsFaulted => _items.Values.Any(i => i.Object.Weight == 0 && i.Up == i.Object.Reverse);

    /// <summary>Faulted by something of its own, not by its sync group.</summary>
    public bool IsOwnFaulted => _items.Values.Any(i => i.Object.Kind != TrackKind.SyncGroup && i.Object.Weight == 0 && i.Up == i.Object.Reverse);

    /// <summary>keepalived's vrrp_set_effective_priority: clamped to 1..254; the owner stays at 255.</summary>
    public byte EffectivePriority(byte basePriority)
    {
        if (basePriority == OwnerPriority)
            return basePriority;
        var total = basePriority + _items.Values.Sum(i => Contribution(i.Object, i.Up));
        return (byte)Math.Clamp(total, 1, OwnerPriority - 1);
    }

    private static int Contribution(TrackedObject o, bool up)
    {
        var counts = (o.Weight > 0 && up) || (o.Weight < 0 && !up);
        return counts ? o.Weight * (o.Reverse ? -1 : 1) : 0;
    }
}
