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
    // An instance tracks a few objects (its interface, a script or two): an array searched in
    // order is a fraction of a dictionary's memory, which a daemon of 1,000 instances repeats.
    private readonly (TrackedObject Object, bool Up, int Value)[] _items;

    public TrackSet(IEnumerable<TrackedObject> tracked)
    {
        // Everything starts up (a file at 0): until the daemon reports otherwise, nothing has
        // failed. The same object twice is one item, the later one, as a keyed table had it.
        var items = new List<(TrackedObject, bool, int)>();
        foreach (var t in tracked)
        {
            var at = items.FindIndex(i => i.Item1.Kind == t.Kind && i.Item1.Name == t.Name);
            if (at >= 0)
                items[at] = (t, true, 0);
            else
                items.Add((t, true, 0));
        }

        _items = [.. items];
    }

    /// <summary>Records a change; false when the object is not tracked or nothing changed.</summary>
    public bool Set(TrackKind kind, string name, bool up)
    {
        var at = IndexOf(kind, name);
        if (at < 0 || _items[at].Up == up)
            return false;
        _items[at].Up = up;
        return true;
    }

    /// <summary>Records a track_file's number; false when the file is not tracked or the number did not change.</summary>
    public bool SetFile(string name, int value)
    {
        var at = IndexOf(TrackKind.File, name);
        if (at < 0 || _items[at].Value == value)
            return false;
        _items[at].Value = value;
        return true;
    }

    private int IndexOf(TrackKind kind, string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (_items[i].Object.Kind == kind && _items[i].Object.Name == name)
                return i;
        }

        return -1;
    }

    public bool IsFaulted => _items.Any(i => Faults(i.Object, i.Up, i.Value));

    /// <summary>Faulted by something of its own, not by its sync group.</summary>
    public bool IsOwnFaulted => _items.Any(i => i.Object.Kind != TrackKind.SyncGroup && Faults(i.Object, i.Up, i.Value));

    /// <summary>keepalived's vrrp_set_effective_priority: clamped to 1..254; the owner stays at 255.</summary>
    public byte EffectivePriority(byte basePriority)
    {
        if (basePriority == OwnerPriority)
            return basePriority;
        var total = (int)basePriority;
        foreach (var i in _items)
            total += Contribution(i.Object, i.Up, i.Value);
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
