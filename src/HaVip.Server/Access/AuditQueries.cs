using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Access;

/// <summary>The audit log, newest first.</summary>
public sealed class AuditQueries(HaVipDbContext db, AuditLog log)
{
    private static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(5);

    public async Task<(IReadOnlyList<AuditEntry> Items, string? NextPageToken)> ListAsync(string? accountId, Paging paging, CancellationToken ct)
    {
        // Changes this replica just made are in the answer, not still waiting to be stored.
        await log.FlushAsync(FlushLimit, ct);
        var query = db.AuditEntries.AsNoTracking();
        if (accountId is not null)
        {
            query = query.Where(e => e.AccountId == accountId);
        }
        if (paging.After is { } after)
        {
            var before = long.TryParse(after, out var id) ? id
                : throw new DomainException(ErrorCode.InvalidParameter, "pageToken is not a token this API returned.", "pageToken");
            query = query.Where(e => e.Id < before);
        }
        return paging.Page(await query.OrderByDescending(e => e.Id).Take(paging.Size + 1).ToListAsync(ct),
            e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
