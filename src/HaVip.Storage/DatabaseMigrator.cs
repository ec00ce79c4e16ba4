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

    /// <summary>Migrates; returns the copy made of an existing SQLite database before its migration, if one was made.</summary>
    public static async Task<string?> MigrateAsync(HaVipDbContext db, CancellationToken cancellationToken)
    {
        if (db is not PostgresHaVipDbContext)
        {
            var backup = await BackUpBeforeMigratingAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            // A table rebuild switches foreign keys off on the connection it ran on; the pragmas
            // are set once per pooled native connection (SqlitePragmaInterceptor), so none of the
            // migration's connections may be reused. Only this database's: other databases in the
            // process (test servers) keep theirs.
            SqlitePoolOwner.Clear(db.Database.GetDbConnection().ConnectionString);
            return backup;
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
        return null;
    }

    /// <summary>
    /// SQLite table rebuilds run partly outside the migration's transaction: a crash in one could
    /// leave an existing database half-migrated, so it is copied (consistently, by VACUUM INTO)
    /// before any migration touches it. A new database has nothing to lose and is not copied.
    /// </summary>
    private static async Task<string?> BackUpBeforeMigratingAsync(HaVipDbContext db, CancellationToken cancellationToken)
    {
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (!applied.Any() || pending.Count == 0 || db.Database.GetDbConnection().DataSource is not { Length: > 0 } file)
        {
            return null;
        }
        var backup = $"{file}.before-{pending[0]}";
        File.Delete(backup);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {backup}", cancellationToken);
        return backup;
    }
}
