using System.Globalization;
using System.Text.Json;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
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

    /// <summary>The events as one JSON array of rows, read back by <c>json_each</c> in their order.</summary>
    public override Task InsertEventsAsync(IReadOnlyList<HaVipEvent> events, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_events" ("HaVipId", "At", "Kind", "Message", "Status", "InstanceId", "Finding", "Instances")
            SELECT json_extract("value", '$[0]'), json_extract("value", '$[1]'), json_extract("value", '$[2]'), json_extract("value", '$[3]'), json_extract("value", '$[4]'), json_extract("value", '$[5]'), json_extract("value", '$[6]'), json_extract("value", '$[7]')
            FROM json_each({JsonSerializer.Serialize(events.Select(e => new[] { e.HaVipId, StoredText(e.At), e.Kind, e.Message, e.Status?.ToString(), e.InstanceId, e.Finding, e.Instances }))})
            ORDER BY "key"
            """, cancellationToken);

    /// <summary>The findings as one JSON array of rows, read back by <c>json_each</c>.</summary>
    public override Task InsertFindingsAsync(IReadOnlyList<OpenFinding> findings, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_findings" ("HaVipId", "Code", "Instances", "Message", "Since")
            SELECT json_extract("value", '$[0]'), json_extract("value", '$[1]'), json_extract("value", '$[2]'), json_extract("value", '$[3]'), json_extract("value", '$[4]')
            FROM json_each({JsonSerializer.Serialize(findings.Select(f => new[] { f.HaVipId, f.Code.ToString(), f.Instances, f.Message, StoredText(f.Since) }))})
            """, cancellationToken);

    /// <summary>
    /// The contacts as one JSON array of [name, time] pairs, read back by <c>json_each</c>. A time
    /// is written as EF Core stores a DateTime in SQLite (text that sorts as the time does), so
    /// <c>max</c> keeps the later of the stored and the new one.
    /// </summary>
    public override Task<int> TouchHostsAsync(IReadOnlyList<(string Host, DateTime At)> contacts, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            UPDATE "hosts" SET "LastSeen" = max("hosts"."LastSeen", c."at")
            FROM (SELECT json_extract("value", '$[0]') AS "name", json_extract("value", '$[1]') AS "at" FROM json_each({Pairs(contacts)})) AS c
            WHERE "hosts"."Name" = c."name" AND NOT "hosts"."StaleNoted"
            """, cancellationToken);

    private static string Pairs(IReadOnlyList<(string Host, DateTime At)> contacts) =>
        JsonSerializer.Serialize(contacts.Select(c => new[] { c.Host, StoredText(c.At) }));

    /// <summary>As EF Core's SQLite provider writes a DateTime (after the UTC conversion every timestamp has).</summary>
    private static string StoredText(DateTime at) =>
        (at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime()).ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
