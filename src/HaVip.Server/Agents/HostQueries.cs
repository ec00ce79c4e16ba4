using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Domain.Hosts;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>A host as read now: the registered row (null for an unknown host), its derived state, and how many instances name it.</summary>
public sealed record HostView(string Name, HostState State, HypervisorHost? Row, DateTime? StaleSince, int Instances);

/// <summary>
/// The fleet as the admin API, the console, the metrics and the lifecycle read it. States are
/// derived at the read from the last contact and the clock (<see cref="HostLiveness"/>); unknown
/// hosts are the names instances carry that no agent registered.
/// </summary>
public sealed class HostQueries(HaVipDbContext db, TimeProvider time, IOptions<ServerOptions> options)
{
    private TimeSpan StaleAfter => options.Value.HostStaleAfter;

    /// <summary>One page by name; <paramref name="state"/> filters in the database (a cut-off on last seen), so pages stay full.</summary>
    public async Task<(IReadOnlyList<HostView> Items, string? NextPageToken)> ListAsync(HostState? state, Paging paging, CancellationToken ct)
    {
        var now = time.UtcNow();
        var cutoff = now - StaleAfter;
        var after = paging.After ?? "";
        var take = paging.Size + 1;
        var rows = new List<HypervisorHost>();
        if (state is null or HostState.Ready or HostState.Stale)
        {
            var query = db.Hosts.AsNoTracking().Where(h => string.Compare(h.Name, after) > 0);
            query = state switch
            {
                HostState.Ready => query.Where(h => h.LastSeen >= cutoff),
                HostState.Stale => query.Where(h => h.LastSeen < cutoff),
                _ => query,
            };
            rows = await query.OrderBy(h => h.Name).Take(take).ToListAsync(ct);
        }
        var unknown = state is null or HostState.Unknown
            ? await UnknownNamesAfterAsync(after, take, ct)
            : [];
        var names = rows.Select(r => r.Name).Concat(unknown).Order(StringComparer.Ordinal).Take(take).ToList();
        var counts = await InstanceCountsAsync(names, ct);
        var byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var views = names.ConvertAll(n => View(n, byName.GetValueOrDefault(n), counts.GetValueOrDefault(n), now));
        return paging.Page(views, v => v.Name);
    }

    /// <summary>One host with its history, oldest first; <see cref="ErrorCode.HostNotFound"/> when neither an agent nor an instance names it.</summary>
    public async Task<(HostView Host, IReadOnlyList<HostEvent> Events)> GetAsync(string name, CancellationToken ct)
    {
        var row = await db.Hosts.AsNoTracking().FirstOrDefaultAsync(h => h.Name == name, ct);
        var counts = await InstanceCountsAsync([name], ct);
        if (row is null && counts.Count == 0)
        {
            throw NotFound(name);
        }
        var events = await db.HostEvents.AsNoTracking().Where(e => e.Host == name).OrderBy(e => e.Id).ToListAsync(ct);
        return (View(name, row, counts.GetValueOrDefault(name), time.UtcNow()), events);
    }

    /// <summary>
    /// Of <paramref name="hosts"/>, those not ready now: stale (since when) or unknown (since
    /// null). What a HAVIP's health can name; empty when all are ready.
    /// </summary>
    public async Task<IReadOnlyList<HostView>> NotReadyAsync(IReadOnlyCollection<string> hosts, CancellationToken ct) =>
        [.. (await StatesAsync(hosts, ct)).Where(v => v.State != HostState.Ready)];

    /// <summary>Each of <paramref name="hosts"/> as read now (ready, stale or unknown); instance counts are not read (0).</summary>
    public async Task<IReadOnlyList<HostView>> StatesAsync(IReadOnlyCollection<string> hosts, CancellationToken ct)
    {
        var now = time.UtcNow();
        var names = hosts.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Hosts.AsNoTracking().Where(h => names.Contains(h.Name)).ToDictionaryAsync(h => h.Name, StringComparer.Ordinal, ct);
        return names.Select(n => View(n, rows.GetValueOrDefault(n), 0, now)).ToArray();
    }

    public static DomainException NotFound(string name) =>
        new(ErrorCode.HostNotFound, $"No host named {name}: no agent registered it and no instance runs on it.");

    /// <summary>How many hosts are in each state now (the <c>havip_hosts</c> gauge).</summary>
    public async Task<IReadOnlyDictionary<HostState, int>> CountByStateAsync(CancellationToken ct)
    {
        var cutoff = time.UtcNow() - StaleAfter;
        var ready = await db.Hosts.CountAsync(h => h.LastSeen >= cutoff, ct);
        var stale = await db.Hosts.CountAsync(h => h.LastSeen < cutoff, ct);
        var unknown = await UnknownNames().CountAsync(ct);
        return new Dictionary<HostState, int> { [HostState.Ready] = ready, [HostState.Stale] = stale, [HostState.Unknown] = unknown };
    }

    private HostView View(string name, HypervisorHost? row, int instances, DateTime now)
    {
        var state = HostLiveness.StateOf(row?.LastSeen, now, StaleAfter);
        DateTime? since = state == HostState.Stale ? HostLiveness.StaleSince(row!.LastSeen, StaleAfter) : null;
        return new HostView(name, state, row, since, instances);
    }

    // Hosts are not a tenant's: every account's instances count.
    private IQueryable<string> UnknownNames() =>
        db.Instances.IgnoreQueryFilters().Where(i => i.Host != null && !db.Hosts.Any(h => h.Name == i.Host)).Select(i => i.Host!).Distinct();

    private Task<List<string>> UnknownNamesAfterAsync(string after, int take, CancellationToken ct) =>
        UnknownNames().Where(n => string.Compare(n, after) > 0).OrderBy(n => n).Take(take).ToListAsync(ct);

    private Task<Dictionary<string, int>> InstanceCountsAsync(IReadOnlyCollection<string> names, CancellationToken ct) =>
        db.Instances.IgnoreQueryFilters().Where(i => i.Host != null && names.Contains(i.Host))
            .GroupBy(i => i.Host!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
}
