namespace HaVip.Domain.Hosts;

/// <summary>
/// A hypervisor host whose agent registered with the control plane. Its state is not stored
/// (<see cref="HostLiveness.StateOf"/>); <see cref="StaleNoted"/> only says whether its history
/// last recorded it stale, so each transition is written once, whichever replica sees it.
/// </summary>
public sealed class HypervisorHost
{
    private HypervisorHost()
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>The address other hosts tunnel (VXLAN) to.</summary>
    public string UnderlayIp { get; private set; } = "";

    /// <summary>As the agent reported it at registration; null from agents that do not say.</summary>
    public string? AgentVersion { get; private set; }

    public DateTime FirstSeen { get; private set; }

    public DateTime LastSeen { get; private set; }

    /// <summary>The history's last word on liveness was "stale" (a "back" is due at the next contact).</summary>
    public bool StaleNoted { get; private set; }

    public static (HypervisorHost Host, HostEvent Event) Register(string name, string underlayIp, string? agentVersion, DateTime now)
    {
        var host = new HypervisorHost { Name = name, UnderlayIp = underlayIp, AgentVersion = agentVersion, FirstSeen = now, LastSeen = now };
        return (host, host.Event(now, HostEventKinds.Registered, $"host {name} registered at {underlayIp}"));
    }

    /// <summary>
    /// A repeated registration (the agent restarted, or asked another replica): idempotent, so
    /// the event is null unless the underlay moved, which other hosts' tunnels must follow. The
    /// contact itself is <see cref="Seen"/>.
    /// </summary>
    public HostEvent? Reregister(string underlayIp, string? agentVersion, DateTime now)
    {
        AgentVersion = agentVersion ?? AgentVersion;
        if (underlayIp == UnderlayIp)
        {
            return null;
        }
        var previous = UnderlayIp;
        UnderlayIp = underlayIp;
        return Event(now, HostEventKinds.Registered, $"host {Name} moved its underlay from {previous} to {underlayIp}");
    }

    /// <summary>A contact at <paramref name="at"/>; the "back" event when the history last said stale.</summary>
    public HostEvent? Seen(DateTime at)
    {
        var silentSince = LastSeen;
        if (at > LastSeen)
        {
            LastSeen = at;
        }
        if (!StaleNoted)
        {
            return null;
        }
        StaleNoted = false;
        return Event(at, HostEventKinds.Back, $"host {Name} is back after {(at - silentSince).TotalSeconds:0} s without contact");
    }

    /// <summary>The "stale" event when the host is stale at <paramref name="now"/> and its history does not say so yet.</summary>
    public HostEvent? NoteStale(DateTime now, TimeSpan staleAfter)
    {
        if (StaleNoted || HostLiveness.StateOf(LastSeen, now, staleAfter) != HostState.Stale)
        {
            return null;
        }
        StaleNoted = true;
        return Event(HostLiveness.StaleSince(LastSeen, staleAfter), HostEventKinds.Stale,
            $"host {Name} is stale: no contact from its agent since {LastSeen:O}");
    }

    /// <summary>The agent found the kernel differing from its last apply (<paramref name="what"/>: table, rules, port) and applied again.</summary>
    public HostEvent Repaired(IReadOnlyList<string> what, DateTime at) =>
        Event(at, HostEventKinds.Repaired, $"the agent of host {Name} found its kernel drifted ({string.Join(", ", what)}) and applied its state again");

    public HostState StateAt(DateTime now, TimeSpan staleAfter) => HostLiveness.StateOf(LastSeen, now, staleAfter);

    private HostEvent Event(DateTime at, string kind, string message) => new() { Host = Name, At = at, Kind = kind, Message = message };
}
