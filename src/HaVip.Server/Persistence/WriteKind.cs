namespace HaVip.Server.Persistence;

/// <summary>
/// What a write is, passed with it to the <see cref="WriteGate"/>: where it queues and whether its
/// commit is news. Hosts' reports are small and time-critical (the API's master and a HAVIP's
/// status wait on them), so they do not queue behind bulk API writes, and a holder report goes
/// before an acknowledgement; the audit trail waits for everything else. Only a
/// <see cref="Change"/> can change a host's desired state or a key, so only its commits wake
/// long-polling agents and key caches (<see cref="ChangeSignal"/> here, and on PostgreSQL every
/// replica's through NOTIFY): waking every agent to re-read the change number after each ack
/// would put ten reads in front of the next ack.
/// </summary>
public readonly record struct WriteKind
{
    /// <summary>The number of queue levels: one per preset below.</summary>
    internal const int Levels = 5;

    private WriteKind(string name, int priority, bool announces)
    {
        Name = name;
        Priority = priority;
        Announces = announces;
    }

    /// <summary>The audit trail and housekeeping: last in the queue, announces nothing.</summary>
    public static WriteKind Record { get; } = new("record", 0, announces: false);

    /// <summary>An API or console change: announced once it commits, if it saved anything.</summary>
    public static WriteKind Change { get; } = new("change", 1, announces: true);

    /// <summary>A host's "applied up to N" (and its spoof reports): ahead of changes, silent.</summary>
    public static WriteKind Acknowledgement { get; } = new("acknowledgement", 2, announces: false);

    /// <summary>
    /// Hosts' contacts (Agents/HostSightings): ahead of acks, silent. A batch is one
    /// statement whatever its size; queued behind acks as a <see cref="Record"/>, a contact waited
    /// as long as the acks' backlog, and at the region's first start (1,000 hosts, 1,100 HAVIPs
    /// each) that was longer than the stale threshold: the leader noted live, polling hosts stale,
    /// then back, each transition an event on every HAVIP bound on the host (8.2 million events in
    /// 20 minutes, the writer's time; docs/benchmarks.md).
    /// </summary>
    public static WriteKind Contact { get; } = new("contact", 3, announces: false);

    /// <summary>A host saw which instance holds a VIP: first in the queue, silent.</summary>
    public static WriteKind Holder { get; } = new("holder", 4, announces: false);

    /// <summary>The preset's name, as a write's trace shows it.</summary>
    public string Name { get; }

    /// <summary>Waiting writes enter highest first, then in arrival order.</summary>
    public int Priority { get; }

    /// <summary>Whether a commit that saved rows wakes the waiters of changes.</summary>
    public bool Announces { get; }

    public override string ToString() => Name;
}
