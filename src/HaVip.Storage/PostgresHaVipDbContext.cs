using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>PostgreSQL, for several server replicas over one database; migrations under Migrations/Postgres.</summary>
public sealed class PostgresHaVipDbContext(DbContextOptions<PostgresHaVipDbContext> options) : HaVipDbContext(options)
{
    /// <summary>The channel a change is announced on; every replica LISTENs to it.</summary>
    public const string ChangeChannel = "havip_changes";

    /// <summary>The payload's first word when the change changed an API key (the replicas' key caches drop what they hold).</summary>
    public const string KeysPayload = "keys";

    /// <summary>The payload's first word for any other change.</summary>
    public const string ChangePayload = "change";

    /// <summary>The ids as one text[] parameter, unnested; each value cast, so that a null is typed.</summary>
    public override Task InsertEventsAsync(IReadOnlyList<string> haVipIds, HaVipEvent like, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_events" ("HaVipId", "At", "Kind", "Message", "Status", "InstanceId", "Finding", "Instances")
            SELECT u.id, CAST({like.At} AS timestamp with time zone), CAST({like.Kind} AS text), CAST({like.Message} AS text),
                   CAST({like.Status?.ToString()} AS text), CAST({like.InstanceId} AS text), CAST({like.Finding} AS text), CAST({like.Instances} AS text)
            FROM unnest(CAST({haVipIds.ToArray()} AS text[])) WITH ORDINALITY AS u(id, n) ORDER BY u.n
            """, cancellationToken);

    /// <summary>The events' columns as arrays, unnested side by side in their order.</summary>
    public override Task InsertEventsAsync(IReadOnlyList<HaVipEvent> events, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_events" ("HaVipId", "At", "Kind", "Message", "Status", "InstanceId", "Finding", "Instances")
            SELECT u.id, u.at, u.kind, u.message, u.status, u.instance, u.finding, u.instances
            FROM unnest(CAST({events.Select(e => e.HaVipId).ToArray()} AS text[]), CAST({events.Select(e => e.At).ToArray()} AS timestamp with time zone[]),
                        CAST({events.Select(e => e.Kind).ToArray()} AS text[]), CAST({events.Select(e => e.Message).ToArray()} AS text[]),
                        CAST({events.Select(e => e.Status?.ToString()).ToArray()} AS text[]), CAST({events.Select(e => e.InstanceId).ToArray()} AS text[]),
                        CAST({events.Select(e => e.Finding).ToArray()} AS text[]), CAST({events.Select(e => e.Instances).ToArray()} AS text[]))
                 WITH ORDINALITY AS u(id, at, kind, message, status, instance, finding, instances, n)
            ORDER BY u.n
            """, cancellationToken);

    /// <summary>The findings' columns as arrays, unnested side by side.</summary>
    public override Task InsertFindingsAsync(IReadOnlyList<OpenFinding> findings, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            INSERT INTO "havip_findings" ("HaVipId", "Code", "Instances", "Message", "Since")
            SELECT * FROM unnest(CAST({findings.Select(f => f.HaVipId).ToArray()} AS text[]), CAST({findings.Select(f => f.Code.ToString()).ToArray()} AS text[]),
                                 CAST({findings.Select(f => f.Instances).ToArray()} AS text[]), CAST({findings.Select(f => f.Message).ToArray()} AS text[]),
                                 CAST({findings.Select(f => f.Since).ToArray()} AS timestamp with time zone[]))
            """, cancellationToken);

    /// <summary>The names and times as two arrays, unnested side by side.</summary>
    public override Task<int> TouchHostsAsync(IReadOnlyList<(string Host, DateTime At)> contacts, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            UPDATE "hosts" AS h SET "LastSeen" = GREATEST(h."LastSeen", c.at)
            FROM unnest(CAST({contacts.Select(c => c.Host).ToArray()} AS text[]), CAST({contacts.Select(c => c.At).ToArray()} AS timestamp with time zone[])) AS c(name, at)
            WHERE h."Name" = c.name AND NOT h."StaleNoted"
            """, cancellationToken);

    /// <summary>
    /// PostgreSQL delivers a NOTIFY when its transaction commits and drops it on rollback, so
    /// replicas learn of committed changes only, at once, without polling. The payload names the
    /// sender, so that a replica knows its own changes when they come back to it.
    /// </summary>
    public override Task AnnounceCommitAsync(bool keysChanged, string? sender, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_notify({ChangeChannel}, {Payload(keysChanged, sender)})", cancellationToken);

    /// <summary>
    /// LOCK TABLE takes no snapshot, so as the transaction's first statement it waits before the
    /// snapshot is taken, and the change number read after it is the latest committed one. SHARE
    /// ROW EXCLUSIVE conflicts with itself and with the ROW EXCLUSIVE lock that taking the number
    /// (an UPDATE of the row) holds until commit, and not with reads: a transaction that numbers a
    /// change is waited for, the next one waits at its UPDATE until this one ends (and then loses,
    /// and takes its own turn), polls reading the number go on.
    /// </summary>
    public override Task TakeChangeNumberTurnAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync("LOCK TABLE sequences IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

    /// <summary>"keys SENDER" or "change SENDER" (no sender: the first word alone).</summary>
    public static string Payload(bool keysChanged, string? sender)
    {
        var kind = keysChanged ? KeysPayload : ChangePayload;
        return string.IsNullOrEmpty(sender) ? kind : $"{kind} {sender}";
    }

    /// <summary>Reads a payload <see cref="Payload"/> wrote; anything else counts as a key change from an unknown sender (the safe reading).</summary>
    public static (bool KeysChanged, string? Sender) ReadPayload(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        var kind = space < 0 ? payload : payload[..space];
        var sender = space < 0 ? null : payload[(space + 1)..];
        return (kind != ChangePayload, sender);
    }
}
