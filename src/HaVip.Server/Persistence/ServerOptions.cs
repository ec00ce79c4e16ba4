namespace HaVip.Server.Persistence;

/// <summary>Settings under "HaVip" (appsettings, environment HaVip__X, or command line).</summary>
public sealed class ServerOptions
{
    public const string Section = "HaVip";

    /// <summary>Where the SQLite database lives (--data-dir).</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>A postgres:// URL or Npgsql connection string (--database); empty means SQLite in <see cref="DataDir"/>.</summary>
    public string? Database { get; set; }

    /// <summary>Seed the demo inventory into an empty database (--no-demo turns it off).</summary>
    public bool Demo { get; set; } = true;

    /// <summary>How long hosts have to apply a change before the HAVIP is failed.</summary>
    public TimeSpan ApplyDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a registered host's agent may be silent before the host is <c>stale</c> (HaVip:HostStaleAfter).</summary>
    public TimeSpan HostStaleAfter { get; set; } = Domain.Hosts.HostLiveness.DefaultStaleAfter;

    /// <summary>How often the deadline of unsettled HAVIPs, and hosts' silence, is checked.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a replica re-reads the change feed when no commit signal or notification came
    /// (HaVip:ChangeFeedRecheck): the bound on a change reaching long-polls when a notification
    /// is lost.
    /// </summary>
    public TimeSpan ChangeFeedRecheck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many complete desired states (not deltas) a replica computes at once
    /// (HaVip:MaxConcurrentCompleteSyncs); more are refused with 503 and Retry-After.
    /// </summary>
    public int MaxConcurrentCompleteSyncs { get; set; } = 8;

    /// <summary>The Retry-After of a refused complete sync, in whole seconds (HaVip:CompleteSyncRetryAfter).</summary>
    public TimeSpan CompleteSyncRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the acks queued ahead of a new one may take to write (HaVip:AckQueueBudget),
    /// estimated from the measured write rate; beyond it the ack is refused with 503 and a
    /// Retry-After of that estimate, and the agent sends it again then (jittered). Half the
    /// agent's 10 s report timeout: the other half covers the read before the queue, the HTTP and
    /// thread-pool queues of a loaded server, and the estimate being off.
    /// </summary>
    public TimeSpan AckQueueBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the leader writes health findings' starts and ends into timelines (HaVip:HealthCheckInterval).</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
