namespace HaVip.Server.Http;

/// <summary>Settings under "HaVip:Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "HaVip:Idempotency";

    /// <summary>A response larger than this is not kept; a retry of it answers IdempotencyResponseNotStored.</summary>
    public int MaxStoredResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How long a response is replayed; after that the same key runs as a new request.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the leader deletes expired records.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Records deleted per transaction, so that the cleanup never holds the writer for long.</summary>
    public int CleanupBatchSize { get; set; } = 500;
}
