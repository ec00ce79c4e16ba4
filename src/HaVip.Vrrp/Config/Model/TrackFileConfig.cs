namespace HaVip.Vrrp.Config;

/// <summary>
/// <c>track_file NAME { file PATH  weight N [reverse]  init_file [VALUE] [overwrite] }</c>
/// (<c>vrrp_track_file</c> is keepalived's older name): the file holds a number; it times the
/// weight is added to the priority, and with weight 0 any non-zero number is a failure (FAULT).
/// </summary>
public sealed class TrackFileConfig
{
    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    public string? Path { get; internal set; }

    /// <summary>keepalived's default is 1.</summary>
    public int Weight { get; internal set; } = 1;

    public bool Reverse { get; internal set; }

    /// <summary><c>init_file</c>: create the file with this value if missing (null: do not create).</summary>
    public int? InitValue { get; internal set; }

    /// <summary><c>init_file ... overwrite</c>: write the value even if the file exists.</summary>
    public bool InitOverwrite { get; internal set; }
}
