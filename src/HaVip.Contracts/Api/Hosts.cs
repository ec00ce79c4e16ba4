using System.Text.Json.Serialization;

namespace HaVip.Contracts.Api;

/// <summary>A host's agent as the control plane sees it, from its last contact and the server's clock.</summary>
public enum HostState
{
    /// <summary>In contact within the stale threshold.</summary>
    Ready,

    /// <summary>Registered, but silent for longer than the threshold.</summary>
    Stale,

    /// <summary>Instances name it; no agent ever registered.</summary>
    Unknown,
}

/// <summary>
/// A hypervisor host (admin only). An <c>unknown</c> host has only a name and its instance count.
/// <paramref name="StaleSince"/> is set while stale; <paramref name="Events"/> only on a single host's read.
/// </summary>
public sealed record HostDto(
    string Name,
    HostState State,
    string? UnderlayIp,
    string? AgentVersion,
    DateTime? FirstSeen,
    DateTime? LastSeen,
    DateTime? StaleSince,
    int Instances,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HostEventDto>? Events = null);

/// <summary>One entry of a host's history: <c>registered</c>, <c>stale</c>, <c>back</c>.</summary>
public sealed record HostEventDto(DateTime At, string Kind, string Message);
