using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>PostgreSQL, for several server replicas over one database; migrations under Migrations/Postgres.</summary>
public sealed class PostgresHaVipDbContext(DbContextOptions<PostgresHaVipDbContext> options) : HaVipDbContext(options)
{
    /// <summary>The channel a change is announced on; every replica LISTENs to it.</summary>
    public const string ChangeChannel = "havip_changes";

    /// <summary>
    /// PostgreSQL delivers a NOTIFY when its transaction commits and drops it on rollback, so
    /// replicas learn of committed changes only, at once, without polling.
    /// </summary>
    public override Task AnnounceCommitAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync("NOTIFY " + ChangeChannel, cancellationToken);
}
