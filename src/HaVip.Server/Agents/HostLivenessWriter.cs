using HaVip.Domain.Hosts;
using HaVip.Server.HaVips;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>Writes hosts' contacts and notes the hosts that fell silent, each transition once in the host's history.</summary>
public sealed class HostLivenessWriter(HaVipDbContext db, WriteGate gate, HostPresence presence, IOptions<ServerOptions> options)
{
    /// <summary>
    /// One transaction for a batch of contacts, one statement for all of them
    /// (<see cref="HaVipDbContext.TouchHostsAsync"/>): each host's last contact moves up to its
    /// latest. A host whose history says stale is not among those it changed; only when there is
    /// one (or a name with no row: a host not registered yet, whose registration records the
    /// contact itself) are the stale-noted hosts read, and each gets its "back" event through the
    /// aggregate. Written as a <see cref="WriteKind.Contact"/>, ahead of acks: the leader reads
    /// these times to note hosts stale (<see cref="NoteStaleAsync"/>, a <see cref="WriteKind.Record"/>,
    /// so after every contact queued before it).
    /// </summary>
    public Task SeenAsync(IReadOnlyList<HostSeen> contacts, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var latest = new Dictionary<string, DateTime>(contacts.Count, StringComparer.Ordinal);
            foreach (var contact in contacts)
            {
                if (!latest.TryGetValue(contact.Host, out var at) || contact.At > at)
                {
                    latest[contact.Host] = contact.At;
                }
            }
            if (await db.TouchHostsAsync([.. latest.Select(p => (Host: p.Key, At: p.Value))], c) == latest.Count)
            {
                return true;
            }
            var names = latest.Keys.ToArray();
            var hosts = await db.Hosts.Where(h => h.StaleNoted && names.Contains(h.Name)).ToListAsync(c);
            var back = hosts.ConvertAll(h => h.Seen(latest[h.Name])).OfType<HostEvent>().ToList();
            await presence.AddAsync(back, c);
            if (back.Count > 0)
            {
                // Their HAVIPs' HostStale findings end: the health timeline looks at them again.
                await db.MarkBoundOnHostsAsync(back.ConvertAll(e => e.Host), back.Max(e => latest[e.Host]), c);
            }
            return true;
        }, WriteKind.Contact, ct);

    /// <summary>Notes every host silent for longer than the threshold at <paramref name="now"/>; the names of those newly stale.</summary>
    public Task<IReadOnlyList<string>> NoteStaleAsync(DateTime now, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var staleAfter = options.Value.HostStaleAfter;
            var cutoff = now - staleAfter;
            var silent = await db.Hosts.Where(h => !h.StaleNoted && h.LastSeen < cutoff).ToListAsync(c);
            await presence.AddAsync(silent.ConvertAll(h => h.NoteStale(now, staleAfter)), c);
            if (silent.Count > 0)
            {
                await db.MarkBoundOnHostsAsync(silent.ConvertAll(h => h.Name), now, c);
            }
            return (IReadOnlyList<string>)silent.ConvertAll(h => h.Name);
        }, WriteKind.Record, ct);
}
