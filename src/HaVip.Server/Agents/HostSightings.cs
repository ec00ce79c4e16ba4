using System.Collections.Concurrent;
using HaVip.Domain;
using HaVip.Server.Persistence;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>A contact from a host's agent at <paramref name="At"/>, on the server's clock.</summary>
public sealed record HostSeen(string Host, DateTime At);

/// <summary>
/// Keeps hosts' last-seen times without a write per request. Every agent request (and every
/// second of a waiting long-poll) is a contact, which would be a write storm at a thousand hosts;
/// instead, a replica writes a host's contact at most once per a third of the stale threshold
/// (5 s of the default 15 s: a live agent is written about three times before it could look
/// stale), and the contacts that arrive while a batch is written go together in the next one
/// (<see cref="ReportLane{T}"/>), as <see cref="WriteKind.Record"/>, behind every other write.
/// So the writes grow with the fleet divided by five seconds, not with the requests, and a host
/// looks stale only after its agent really stopped: the last write is at most a third of the
/// threshold older than its last contact.
/// </summary>
public sealed class HostSightings
{
    private readonly ConcurrentDictionary<string, DateTime> _written = new(StringComparer.Ordinal);
    private readonly ReportLane<HostSeen> _lane;
    private readonly TimeProvider _time;
    private readonly TimeSpan _every;

    public HostSightings(IServiceScopeFactory scopes, TimeProvider time, IOptions<ServerOptions> options)
    {
        _time = time;
        _every = options.Value.HostStaleAfter / 3;
        _lane = new ReportLane<HostSeen>(async batch =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostLivenessWriter>().SeenAsync(batch, CancellationToken.None);
        });
    }

    /// <summary>Records a contact; completes at once unless this contact is the one written.</summary>
    public async Task SeenAsync(string host, CancellationToken ct)
    {
        var now = _time.UtcNow();
        if (_written.TryGetValue(host, out var last) && now - last < _every)
        {
            return;
        }
        _written[host] = now;
        try
        {
            await _lane.SubmitAsync(new HostSeen(host, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not written: the next contact tries again instead of waiting out the interval.
            _written.TryRemove(KeyValuePair.Create(host, now));
            throw;
        }
    }
}
