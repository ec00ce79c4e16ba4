using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.HaVips;

/// <summary>Filtered, keyset-paged listing: ordered by id, so pages stay stable while HAVIPs come and go.</summary>
public sealed class HaVipQueries(HaVipDbContext db)
{
    public async Task<(List<HighAvailabilityVip> Items, string? LastId)> ListAsync(HaVipFilter filter, int pageSize, string? afterId, CancellationToken ct)
    {
        var query = Filter(filter);
        if (afterId is not null)
        {
            query = query.Where(h => string.Compare(h.Id, afterId) > 0);
        }
        var items = await query.OrderBy(h => h.Id).Take(pageSize + 1).ToListAsync(ct);
        string? last = null;
        if (items.Count > pageSize)
        {
            items.RemoveAt(pageSize);
            last = items[^1].Id;
        }
        return (items, last);
    }

    /// <summary>Offset paging for the console's table, which jumps to page n; same order as <see cref="ListAsync"/>.</summary>
    public Task<List<HighAvailabilityVip>> PageAsync(HaVipFilter filter, int skip, int take, CancellationToken ct) =>
        Filter(filter).OrderBy(h => h.Id).Skip(skip).Take(take).ToListAsync(ct);

    public Task<int> CountAsync(HaVipFilter filter, CancellationToken ct) => Filter(filter).CountAsync(ct);

    public async Task<Dictionary<HaVipStatus, int>> CountByStatusAsync(CancellationToken ct) =>
        await db.HaVips.GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>HAVIPs per open finding (a HAVIP with two findings counts under each), every account's.</summary>
    public async Task<Dictionary<FindingCode, int>> CountByFindingAsync(CancellationToken ct) =>
        await db.Findings.GroupBy(f => f.Code).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>
    /// The open findings the leader last wrote for these HAVIPs, by HAVIP, in code order: what the
    /// console's list marks (the same rows as the health filter, so the mark and the filter agree).
    /// </summary>
    public async Task<ILookup<string, OpenFinding>> OpenFindingsAsync(IReadOnlyCollection<string> haVipIds, CancellationToken ct)
    {
        if (haVipIds.Count == 0)
        {
            return Array.Empty<OpenFinding>().ToLookup(f => f.HaVipId);
        }
        var rows = await db.Findings.AsNoTracking().Where(f => haVipIds.Contains(f.HaVipId)).ToListAsync(ct);
        return rows.OrderBy(f => f.Code).ToLookup(f => f.HaVipId, StringComparer.Ordinal);
    }

    private IQueryable<HighAvailabilityVip> Filter(HaVipFilter filter)
    {
        var query = db.HaVips.ForReading();
        if (filter.VpcId is not null)
        {
            query = query.Where(h => h.VpcId == filter.VpcId);
        }
        if (filter.SubnetId is not null)
        {
            query = query.Where(h => h.SubnetId == filter.SubnetId);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(h => h.Status == status);
        }
        if (filter.InstanceId is not null)
        {
            query = query.Where(h => h.Bindings.Any(b => b.InstanceId == filter.InstanceId));
        }
        if (filter.Health is { Finding: { } finding })
        {
            query = query.Where(h => db.Findings.Any(f => f.HaVipId == h.Id && f.Code == finding));
        }
        else if (filter.Health is not null)
        {
            query = query.Where(h => !db.Findings.Any(f => f.HaVipId == h.Id));
        }
        if (!string.IsNullOrEmpty(filter.Name))
        {
            var name = filter.Name.ToLowerInvariant();
            query = query.Where(h => h.Name.ToLower().Contains(name));
        }
        return query;
    }
}
