using HaVip.Domain.Errors;
using HaVip.Domain.Health;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>A HAVIP and what every instance of its subnet advertises: all its GET shows but the hosts' liveness.</summary>
public sealed record HaVipView(HaVipReading HaVip, IReadOnlyList<VrrpObservation> Adverts);

/// <summary>
/// The reads of a HAVIP's GET, the API's most frequent request. On SQLite they run as statements
/// prepared once per connection (<see cref="PreparedSqliteReads"/>): SQLite compiling the SQL
/// anew for every query was a fifth of a GET's CPU. On PostgreSQL, through EF (Npgsql prepares
/// and caches statements itself). Both see what the caller's <see cref="AccountScope"/> sees.
/// </summary>
public sealed class HaVipReads(HaVipDbContext db, PreparedSqliteReads prepared)
{
    /// <exception cref="DomainException">NotFound when the scope sees no HAVIP with this id.</exception>
    public async Task<HaVipView> ReadAsync(string id, CancellationToken ct) =>
        (prepared.Enabled ? prepared.Read(id, db.Scope) : await ReadThroughEfAsync(id, ct))
        ?? throw DomainException.NotFound("HAVIP", id);

    /// <summary>The same reads through EF: PostgreSQL's path, and what the prepared path must equal.</summary>
    public async Task<HaVipView?> ReadThroughEfAsync(string id, CancellationToken ct)
    {
        // Two reads on one open connection, not one each (EF opens and closes a connection around
        // every query it opened itself).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await db.FindHaVipForReadingAsync(id, ct) is not { } vip)
            {
                return null;
            }
            var adverts = await HaVipHealth.VrrpInSubnet(db, vip.SubnetId).Select(r => r.ToObservation()).ToListAsync(ct);
            return new HaVipView(HaVipReading.Of(vip), adverts);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
