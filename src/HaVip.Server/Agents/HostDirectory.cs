using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Domain.Hosts;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Hosts as the database holds them, so that every replica serves every agent: a host
/// registered through one replica is known to all, and their desired states carry its underlay.
/// </summary>
public sealed class HostDirectory(HaVipDbContext db, WriteGate gate, HostPresence presence, KnownHosts known, RegionHosts region, TimeProvider time)
{
    /// <summary>
    /// Idempotent. A new or moved host changes the tunnels of every host sharing a subnet with it:
    /// a new change number, in the same transaction as the row, so a desired state numbered
    /// after it always carries the new underlay. A registration that changes nothing (the same
    /// underlay and version, no "back" due) writes nothing: its contact is
    /// <see cref="HostSightings"/>' to write, as every request's is. So agents registering again
    /// (a restarted agent, or one that moved to another replica) neither queue behind the
    /// replica's writes nor race other replicas' writes, and their registrations wake no poll.
    /// </summary>
    public async Task RegisterAsync(string name, string underlayIp, string? agentVersion, CancellationToken ct)
    {
        if (!await UnchangedAsync(name, underlayIp, agentVersion, ct))
        {
            await WriteRegistrationAsync(name, underlayIp, agentVersion, ct);
        }
        known.Add(name);
        region.Registered();
    }

    /// <summary>Whether the host is registered as this registration says, with nothing in its history to add.</summary>
    private Task<bool> UnchangedAsync(string name, string underlayIp, string? agentVersion, CancellationToken ct) =>
        db.Hosts.AsNoTracking().AnyAsync(h => h.Name == name && h.UnderlayIp == underlayIp && !h.StaleNoted
            && (agentVersion == null || h.AgentVersion == agentVersion), ct);

    private Task WriteRegistrationAsync(string name, string underlayIp, string? agentVersion, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            // Before any read: registrations through other replicas wait for this one, and it for
            // them, instead of each reading the small hosts table, inserting into the same index
            // page and taking the one change number at once, where PostgreSQL refused one of two
            // (docs/benchmarks.md, fleet13) and the replica with more queued won every retry.
            await db.TakeChangeNumberTurnAsync(c);
            var now = time.UtcNow();
            var host = await db.Hosts.FirstOrDefaultAsync(h => h.Name == name, c);
            HostEvent? moved;
            if (host is null)
            {
                (host, moved) = HypervisorHost.Register(name, underlayIp, agentVersion, now);
                db.Hosts.Add(host);
            }
            else
            {
                if (host.Seen(now) is { } back)
                {
                    await presence.AddAsync([back], c);
                    await db.MarkBoundOnHostsAsync([name], now, c);
                }
                moved = host.Reregister(underlayIp, agentVersion, now);
            }
            if (moved is not null)
            {
                db.HostEvents.Add(moved);
                // Every host sharing a subnet with this one must learn its underlay.
                var subnets = await (from n in db.Nics
                                     join i in db.Instances on n.InstanceId equals i.Id
                                     where i.Host == name
                                     select n.SubnetId).Distinct().ToListAsync(c);
                await db.NextChangeSequenceAsync([ChangeScopeRow.Host(name), .. subnets.Select(ChangeScopeRow.Subnet)], c);
            }
            return true;
        }, ct);

    /// <summary>Records a repair of kernel drift in the host's history; false when no agent ever registered the host.</summary>
    public Task<bool> RepairedAsync(string name, IReadOnlyList<string> what, DateTime at, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var host = await db.Hosts.FirstOrDefaultAsync(h => h.Name == name, c);
            if (host is null)
            {
                return false;
            }
            db.HostEvents.Add(host.Repaired(what, at));
            return true;
        }, WriteKind.Record, ct);

    /// <summary>
    /// Removes a drained host and its history: refused (<see cref="ErrorCode.InUse"/>) while
    /// instances are placed on it, whose HAVIPs still need it. No change number: tunnels follow
    /// the instances, so the last move off the host already took it out of every host's VXLAN
    /// remotes, and no desired state changes with the row. Its agent, if it still
    /// runs, is told "not registered" by this replica at once and by the others at their next
    /// look in the table; stop it and revoke its key first (docs/operations.md).
    /// </summary>
    public async Task RemoveAsync(string name, CancellationToken ct)
    {
        await gate.RunAsync(db, async c =>
        {
            var host = await db.Hosts.FirstOrDefaultAsync(h => h.Name == name, c);
            // Hosts are no tenant's: every account's instances count.
            var placed = await db.Instances.IgnoreQueryFilters().Where(i => i.Host == name).OrderBy(i => i.Id).Select(i => i.Id).Take(11).ToListAsync(c);
            if (placed.Count > 0)
            {
                var shown = string.Join(", ", placed.Take(10)) + (placed.Count > 10 ? ", …" : "");
                throw new DomainException(ErrorCode.InUse, $"Instances run on host {name} ({shown}): move them to another host (PATCH /v1/instances/{{id}} {{\"host\"}}) or delete them first.");
            }
            if (host is null)
            {
                throw HostQueries.NotFound(name);
            }
            db.Hosts.Remove(host);
            await db.HostEvents.Where(e => e.Host == name).ExecuteDeleteAsync(c);
            return true;
        }, ct);
        known.Remove(name);
    }

    /// <summary>Whether an agent ever registered this host, through any replica.</summary>
    public async Task<bool> IsRegisteredAsync(string name, CancellationToken ct)
    {
        if (known.Contains(name))
        {
            return true;
        }
        if (!await db.Hosts.AsNoTracking().AnyAsync(h => h.Name == name, ct))
        {
            return false;
        }
        known.Add(name);
        return true;
    }
}
