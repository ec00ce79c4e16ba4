namespace HaVip.Vrrp.Config;

/// <summary><c>vrrp_script NAME { ... }</c>: running it is the daemon's job; results feed the state machine.</summary>
public sealed class VrrpScriptConfig
{
    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    public string? Script { get; internal set; }

    public TimeSpan Interval { get; internal set; } = TimeSpan.FromSeconds(1);

    /// <summary>Null: keepalived uses the interval as the timeout.</summary>
    public TimeSpan? Timeout { get; internal set; }

    /// <summary>-253..253; 0 means a failure puts tracking instances into FAULT.</summary>
    public int Weight { get; internal set; }

    /// <summary><c>weight N reverse</c>: the adjustment applies with the opposite sign.</summary>
    public bool WeightReverse { get; internal set; }

    /// <summary><c>init_fail</c>: the script counts as failed until it first succeeds.</summary>
    public bool InitFail { get; internal set; }

    /// <summary><c>user USER [GROUP]</c>; null: global <c>script_user</c>.</summary>
    public ScriptUser? User { get; internal set; }

    public int Rise { get; internal set; } = 1;

    public int Fall { get; internal set; } = 1;
}
