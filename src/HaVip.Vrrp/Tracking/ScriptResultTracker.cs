namespace HaVip.Vrrp.Tracking;

/// <summary>
/// keepalived's rise/fall counting for one vrrp_script: the status turns up after
/// <c>rise</c> consecutive successes and down after <c>fall</c> consecutive failures. Before the
/// first result the status is unknown and the first result decides it, as keepalived does at startup.
/// </summary>
public sealed class ScriptResultTracker
{
    private readonly int _rise;
    private readonly int _fall;
    private int _successes;
    private int _failures;

    public ScriptResultTracker(int rise, int fall)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        (_rise, _fall) = (rise, fall);
    }

    /// <summary>Null until the first result.</summary>
    public bool? IsUp { get; private set; }

    /// <summary>Records one run (exit 0 = success; a timeout is a failure). Returns the new status when it changed.</summary>
    public bool? Record(bool success)
    {
        (_successes, _failures) = success ? (_successes + 1, 0) : (0, _failures + 1);
        var next = IsUp switch
        {
            null => success,
            false when _successes >= _rise => true,
            true when _failures >= _fall => false,
            _ => IsUp,
        };
        if (next == IsUp)
            return null;
        IsUp = next;
        return next;
    }
}
