namespace HaVip.Server.Access;

/// <summary>Settings under "Audit".</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long entries are kept; the leader deletes older ones.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the leader looks for entries past <see cref="Retention"/>.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Entries deleted per transaction, so a long backlog never holds the single SQLite writer for long.</summary>
    public int RetentionBatchSize { get; set; } = 500;

    /// <summary>Entries waiting in memory to be stored; when full, a request waits for room instead of the queue growing.</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
