using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>PostgreSQL, for several server replicas over one database; migrations under Migrations/Postgres.</summary>
public sealed class PostgresHaVipDbContext(DbContextOptions<PostgresHaVipDbContext> options) : HaVipDbContext(options)
{
    /// <summary>The channel a change is announced on; every replica LISTENs to it.</summary>
    public const string ChangeChannel = "havip_changes";

    /// <summary>The payload of a change's notification when it changed an API key (the replicas' key caches drop what they hold).</summary>
    public const string KeysPayload = "keys";

    /// <summary>
    /// PostgreSQL delivers a NOTIFY when its transaction commits and drops it on rollback, so
    /// replicas learn of committed changes only, at once, without polling.
    /// </summary>
    public override Task AnnounceCommitAsync(bool keysChanged, CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync(keysChanged ? NotifyKeys : Notify, cancellationToken);

    private const string Notify = "NOTIFY " + ChangeChannel;
    private const string NotifyKeys = Notify + ", '" + KeysPayload + "'";
}
