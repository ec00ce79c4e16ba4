namespace HaVip.Domain.Hosts;

/// <summary>How the control plane sees a host's agent, derived from its last contact and the clock (<see cref="HostLiveness"/>).</summary>
public enum HostState
{
    /// <summary>The agent was in contact within the stale threshold.</summary>
    Ready,

    /// <summary>The agent registered once but has been silent for longer than the threshold.</summary>
    Stale,

    /// <summary>Instances name the host, but no agent ever registered for it.</summary>
    Unknown,
}
