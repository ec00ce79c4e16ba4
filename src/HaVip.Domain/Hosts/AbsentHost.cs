namespace HaVip.Domain.Hosts;

/// <summary>
/// A host a change waits for that the platform does not hear: stale (silent since
/// <see cref="LastSeen"/>) or unknown (null: no agent ever registered). What a deadline failure
/// names, so an operator sees at once that the host, not the HAVIP, is the problem.
/// </summary>
public sealed record AbsentHost(string Name, DateTime? LastSeen)
{
    public string Describe() => LastSeen is { } seen
        ? $"host {Name} is stale (no contact since {seen:O})"
        : $"host {Name} is unknown (no agent ever registered)";
}
