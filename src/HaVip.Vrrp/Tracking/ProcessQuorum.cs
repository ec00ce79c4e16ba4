using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tracking;

/// <summary>
/// A vrrp_track_process's verdict from successive counts of its processes: up while the count is
/// within quorum..quorum_max, a change counting only once it has lasted <c>fork_delay</c> (up) or
/// <c>terminate_delay</c> (down), so a fork/exec or a parent re-forking does not bounce it. The
/// first count is taken as it is: at start nothing has changed yet.
/// </summary>
public sealed class ProcessQuorum(TrackProcessConfig process)
{
    private DateTimeOffset? _pendingSince;

    /// <summary>Null until the first count.</summary>
    public bool? IsUp { get; private set; }

    /// <summary>Records a count taken at <paramref name="now"/>; the new verdict when it changed, else null.</summary>
    public bool? Record(int count, DateTimeOffset now)
    {
        // A quorum_max below the quorum lowers it (quorum_max 0: up only while none runs).
        var max = process.QuorumMax ?? int.MaxValue;
        var met = count >= Math.Min(process.Quorum, max) && count <= max;
        if (IsUp is null)
        {
            IsUp = met;
            return met;
        }

        if (met == IsUp)
        {
            _pendingSince = null;
            return null;
        }

        _pendingSince ??= now;
        if (now - _pendingSince < (met ? process.ForkDelay : process.TerminateDelay))
            return null;
        (IsUp, _pendingSince) = (met, null);
        return met;
    }
}
