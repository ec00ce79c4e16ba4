namespace HaVip.Vrrp.Machine;

public enum TrackKind
{
    /// <summary>A vrrp_script named in track_script.</summary>
    Script,

    /// <summary>An interface named in track_interface, or the instance's own interface.</summary>
    Interface,
}
