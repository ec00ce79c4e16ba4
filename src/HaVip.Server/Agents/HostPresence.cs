using HaVip.Domain.HaVips;
using HaVip.Domain.Hosts;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Writes hosts' history and, for a stale or back transition, the event on the timeline of every
/// HAVIP bound to an instance on that host (<see cref="HostPresenceEvents"/>), in the caller's
/// transaction: the transition is noted once across replicas (<see cref="HypervisorHost.StaleNoted"/>),
/// so its HAVIP events are too.
/// </summary>
public sealed class HostPresence(HaVipDbContext db)
{
    /// <summary>Adds the host events (nulls skipped); one query for the HAVIPs when a transition is among them, none otherwise.</summary>
    public async Task AddAsync(IEnumerable<HostEvent?> hostEvents, CancellationToken ct)
    {
        var events = hostEvents.OfType<HostEvent>().ToArray();
        db.HostEvents.AddRange(events);
        var transitions = events.Where(e => e.Kind is HostEventKinds.Stale or HostEventKinds.Back).ToArray();
        if (transitions.Length == 0)
        {
            return;
        }
        var hosts = transitions.Select(e => e.Host).Distinct(StringComparer.Ordinal).ToArray();
        // Hosts are no tenant's: every account's HAVIPs on them hear of it.
        var placed = db.Instances.IgnoreQueryFilters().Where(i => i.Host != null && hosts.Contains(i.Host));
        var bound = await db.Bindings
            .Join(placed, b => b.InstanceId, i => i.Id, (b, i) => new { b.HaVipId, b.InstanceId, Host = i.Host! })
            .ToListAsync(ct);
        foreach (var transition in transitions)
        {
            foreach (var vip in bound.Where(b => b.Host == transition.Host).GroupBy(b => b.HaVipId, StringComparer.Ordinal))
            {
                db.Events.Add(HostPresenceEvents.For(transition, vip.Key, vip.Select(b => b.InstanceId).ToArray())!);
            }
        }
    }
}
