namespace HaVip.Vrrp.Machine;

/// <summary>
/// State of the tracked objects and what it means. keepalived (vrrp_track.c): a positive weight
/// counts while the object is up, a negative one while it is down, <c>reverse</c> flips the sign
/// of the adjustment, and a weight-0 object faults the instance while down (while up when
/// reversed). A track_file has a number instead (track_file.c): number × weight (× -1 reversed),
/// held to -254..253, -254 meaning FAULT; with weight 0 a non-zero number is FAULT (zero when reversed).
/// </summary>
internal sealed class TrackSet
{
    private const int OwnerPriority = 255;
    private const int FileFault = -254;
    private const int FileMax = 253;
    private readonly Dictionary<(TrackKind, string), (TrackedObject Object, bool Up, int Value)> _items = [];

    public TrackSet(IEnumerable<TrackedObject> tracked)
    {
        // Everything starts up (a file at 0): until the daemon reports otherwise, nothing has failed.
        foreach (var t in tracked)
            _items[(t.Kind, t.Name)] = (t, true, 0);
    }

    /// <summary>Records a change; false when the object is not tracked or nothing changed.</summary>
    public bool Set(TrackKind kind, string name, bool up)
    {
        if (!_items.TryGetValue((kind, name), out var item) || item.Up == up)
            return false;
        _items[(kind, name)] = (item.Object, up, item.Value);
        return true;
    }

    /// <summary>Records a track_file's number; false when the file is not tracked or the number did not change.</summary>
    public bool SetFile(string name, int value)
    {
        if (!_items.TryGetValue((TrackKind.File, name), out var item) || item.Value == value)
            return false;
        _items[(TrackKind.File, name)] = (item.Object, item.Up, value);
        return true;
    }

    public bool IsFaulted => _items.Values.Any(i => Faults(i.Object, i.Up, i.Value));

    /// <summary>Faulted by something of its own, not by its sync group.</summary>
    public bool IsOwnFaulted => _items.Values.Any(i => i.Object.Kind != TrackKind.SyncGroup && Faults(i.Object, i.Up, i.Value));

    /// <summary>keepalived's vrrp_set_effective_priority: clamped to 1..254; the owner stays at 255.</summary>
    public byte EffectivePriority(byte basePriority)
    {
        if (basePriority == OwnerPriority)
            return basePriority;
        var total = basePriority + _items.Values.Sum(i => Contribution(i.Object, i.Up, i.Value));
        return (byte)Math.Clamp(total, 1, OwnerPriority - 1);
    }

    private static bool Faults(TrackedObject o, bool up, int value) => o.Kind == TrackKind.File
        ? FileStatus(o, value) == FileFault
        : o.Weight == 0 && up == o.Reverse;

    private static int Contribution(TrackedObject o, bool up, int value)
    {
        if (o.Kind == TrackKind.File)
            return FileStatus(o, value) is var s && s == FileFault ? 0 : s;
        var counts = (o.Weight > 0 && up) || (o.Weight < 0 && !up);
        return counts ? o.Weight * (o.Reverse ? -1 : 1) : 0;
    }

    private static int FileStatus(TrackedObject o, int value)
    {
        if (o.Weight == 0)
            return (value != 0) != o.Reverse ? FileFault : 0;
        return (int)Math.Clamp((long)value * o.Weight * (o.Reverse ? -1 : 1), FileFault, FileMax);
    }
}
