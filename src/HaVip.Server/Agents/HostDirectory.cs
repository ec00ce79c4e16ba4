using HaVip.Domain;
using HaVip.Domain.Hosts;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>
/// Hosts as the database holds them, so that every replica serves every agent: a host
/// registered through one replica is known to all, and their desired states carry its underlay.
/// </summary>
public sealed class HostDirectory(HaVipDbContext db, WriteGate gate, KnownHosts known, TimeProvider time)
{
    /// <summary>
    /// Idempotent. A new or moved host changes the tunnels of every host sharing a subnet with it:
    /// a new change number, in the same transaction as the row, so a desired state numbered
    /// after it always carries the new underlay.
    /// </summary>
    public async Task RegisterAsync(string name, string underlayIp, string? agentVersion, CancellationToken ct)
    {
        await gate.RunAsync(db, async c =>
        {
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
                AddEvent(host.Seen(now));
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
        known.Add(name);
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

    private void AddEvent(HostEvent? e)
    {
        if (e is not null)
        {
            db.HostEvents.Add(e);
        }
    }
}
