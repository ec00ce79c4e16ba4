namespace HaVip.Domain.Hosts;

/// <summary>
/// A host a change still waits for at its deadline, with its state as the server reads it now:
/// ready (its agent is in contact but did not acknowledge), stale (silent since
/// <see cref="LastSeen"/>) or unknown (no agent ever registered). What a deadline failure names
/// for each such host, so an operator sees at once whether the host or the change is at fault.
/// </summary>
public sealed record PendingHost(string Name, HostState State, DateTime? LastSeen)
{
    /// <param name="required">The change the host must acknowledge.</param>
    public string Describe(long required) => State switch
    {
        HostState.Stale => $"host {Name} is stale (no contact since {LastSeen:O})",
        HostState.Unknown => $"host {Name} is unknown (no agent ever registered)",
        _ => $"host {Name} is ready (its agent is in contact) but has not acknowledged change {required}",
    };
}
