using System.Text.Json;
using HaVip.Domain.HaVips;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>The embedded default: SQLite, migrations under Migrations/Sqlite.</summary>
public sealed class SqliteHaVipDbContext(DbContextOptions<SqliteHaVipDbContext> options) : HaVipDbContext(options)
{
    /// <summary>The ids as one JSON array parameter, read back by <c>json_each</c>.</summary>
    public override Task InsertEventsAsync(IReadOnlyList<string> haVipIds, HaVipEvent like, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_events" ("HaVipId", "At", "Kind", "Message", "Status", "InstanceId", "Finding", "Instances")
            SELECT "value", {like.At}, {like.Kind}, {like.Message}, {like.Status?.ToString()}, {like.InstanceId}, {like.Finding}, {like.Instances}
            FROM json_each({JsonSerializer.Serialize(haVipIds)}) ORDER BY "key"
            """, cancellationToken);
}
