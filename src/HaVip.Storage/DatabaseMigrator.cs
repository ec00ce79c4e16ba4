using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>
/// Applies migrations at start (never EnsureCreated). On PostgreSQL the replicas that start
/// together queue on a session advisory lock, so exactly one migrates and the others find the
/// schema current.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Arbitrary, fixed: "HaVip" migrations.</summary>
    private const long MigrationLockKey = 0x4861_5669_704D;

    public static async Task MigrateAsync(HaVipDbContext db, CancellationToken cancellationToken)
    {
        if (db is not PostgresHaVipDbContext)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
