namespace HaVip.Vrrp.Config;

/// <summary>How a track_process's parameters are compared with a command line (keepalived's <c>param_match</c>).</summary>
public enum ParamMatch
{
    /// <summary>The command line is exactly the process and its parameters.</summary>
    Exact,

    /// <summary>The first parameters match exactly; more may follow.</summary>
    Partial,

    /// <summary>As exact, but the last parameter may be longer than the one configured.</summary>
    Initial,
}

/// <summary>
/// <c>vrrp_track_process NAME { process CMD [PARAM…]  param_match initial|partial  weight N [reverse]
/// quorum N  quorum_max N  delay S  fork_delay S  terminate_delay S  full_command }</c>: up while the
/// number of matching processes is within quorum..quorum_max.
/// </summary>
public sealed class TrackProcessConfig
{
    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    /// <summary>The command (its process name unless parameters, param_match or full_command say to compare command lines).</summary>
    public string? Process { get; internal set; }

    public IReadOnlyList<string> Parameters { get; internal set; } = [];

    /// <summary>Null when not given: exact, and without parameters the process name alone is compared.</summary>
    public ParamMatch? ParamMatch { get; internal set; }

    public bool FullCommand { get; internal set; }

    /// <summary>keepalived's default is 1.</summary>
    public int Weight { get; internal set; } = 1;

    public bool Reverse { get; internal set; }

    public int Quorum { get; internal set; } = 1;

    /// <summary>Null: no maximum.</summary>
    public int? QuorumMax { get; internal set; }

    /// <summary>How long a quorum newly reached must last before it counts (after a fork).</summary>
    public TimeSpan ForkDelay { get; internal set; }

    /// <summary>How long a quorum newly lost must last before it counts (after a process ended).</summary>
    public TimeSpan TerminateDelay { get; internal set; }

    /// <summary>Compares /proc/PID/cmdline rather than the process name.</summary>
    public bool ComparesCommandLine => FullCommand || Parameters.Count > 0 || ParamMatch is not null;
}
