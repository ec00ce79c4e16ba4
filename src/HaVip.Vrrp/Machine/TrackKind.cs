namespace HaVip.Vrrp.Machine;

public enum TrackKind
{
    /// <summary>A vrrp_script named in track_script.</summary>
    Script,

    /// <summary>An interface named in track_interface, or the instance's own interface.</summary>
    Interface,

    /// <summary>The instance's vrrp_sync_group: down while another member is in FAULT of its own.</summary>
    SyncGroup,

    /// <summary>A track_file: its number times the weight adjusts the priority.</summary>
    File,

    /// <summary>A vrrp_track_process: up while the number of matching processes is within its quorum.</summary>
    Process,
}
