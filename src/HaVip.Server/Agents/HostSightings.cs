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
/// (<see cref="ReportLane{T}"/>, unbounded), as <see cref="WriteKind.Contact"/>, ahead of acks
/// and changes, in one statement (<see cref="HostLivenessWriter.SeenAsync"/>): a thousand hosts'
/// 200 contacts a second are a few small transactions, not 200 updates through the one writer.
/// So the writes grow with the fleet divided by five seconds, not with the requests, and a host
/// looks stale only after its agent really stopped: the last write is at most a third of the
/// threshold, and the write running when it was queued, older than its last contact. Behind the
/// acks (as a Record write, before), a contact waited out their whole backlog: at the region's
/// first start that was longer than the threshold, and live hosts were noted stale and back again
/// and again. No request waits for its contact's write: at 300 hosts starting at once an ack whose
/// contact was due waited 9 s for it (the fleet bench, docs/benchmarks.md).
/// <para>
/// A waiting long-poll is a contact every <see cref="WaitingInterval"/> (<see cref="Waiting"/>):
/// one timer of the replica's sees every waiting host, where each poll had a timer of its own that
/// ran out every second (a thousand timers and a thousand <see cref="TimeoutException"/>s a second
/// at a thousand waiting agents, the fleet bench's "at rest").
/// </para>
/// </summary>
public sealed partial class HostSightings : IDisposable
{
    /// <summary>How often a waiting long-poll counts as a contact.</summary>
    public static readonly TimeSpan WaitingInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly ITimer _waitingTimer;
    private readonly ConcurrentDictionary<string, DateTime> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _writing = new(StringComparer.Ordinal);
    private readonly ReportLane<HostSeen> _lane;
    private readonly TimeProvider _time;
    private readonly TimeSpan _every;
    private readonly ILogger<HostSightings> _log;

    public HostSightings(IServiceScopeFactory scopes, TimeProvider time, IOptions<ServerOptions> options, ILogger<HostSightings> log)
    {
        _time = time;
        _log = log;
        _every = options.Value.HostStaleAfter / 3;
        // A batch is one statement however many hosts it holds: every contact waiting goes in it.
        _lane = new ReportLane<HostSeen>(async batch =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostLivenessWriter>().SeenAsync(batch, CancellationToken.None);
        }, maxBatch: int.MaxValue);
        _waitingTimer = time.CreateTimer(_ => SeeWaiting(), null, WaitingInterval, WaitingInterval);
    }

    public void Dispose() => _waitingTimer.Dispose();

    /// <summary>
    /// A contact now and every <see cref="WaitingInterval"/> until the result is disposed: a long-poll
    /// waiting is a live agent, which would otherwise look stale during a 30 s wait.
    /// </summary>
    public IDisposable Waiting(string host)
    {
        Seen(host);
        _waiting.AddOrUpdate(host, 1, (_, n) => n + 1);
        return new WaitingPoll(this, host);
    }

    private void SeeWaiting()
    {
        foreach (var host in _waiting.Keys)
        {
            Seen(host);
        }
    }

    private void DoneWaiting(string host)
    {
        // The last poll of the host removes it; a count another poll raised meanwhile is left as it is.
        while (_waiting.TryGetValue(host, out var n))
        {
            if (n == 1 ? _waiting.TryRemove(KeyValuePair.Create(host, 1)) : _waiting.TryUpdate(host, n - 1, n))
            {
                return;
            }
        }
    }

    /// <summary>Records a contact: its write, when one is due, is queued and not waited for.</summary>
    public void Seen(string host)
    {
        var now = _time.UtcNow();
        if (_written.TryGetValue(host, out var last) && now - last < _every)
        {
            return;
        }
        _written[host] = now;
        _writing[host] = WriteAsync(host, now);
    }

    /// <summary>Completes once every contact queued so far is written (or failed): for tests that read a host right after its agent's request.</summary>
    public Task FlushAsync() => Task.WhenAll(_writing.Values);

    private async Task WriteAsync(string host, DateTime at)
    {
        try
        {
            await _lane.SubmitAsync(new HostSeen(host, at), CancellationToken.None);
        }
        catch (Exception e)
        {
            // Not written: the next contact tries again instead of waiting out the interval.
            _written.TryRemove(KeyValuePair.Create(host, at));
            LogNotWritten(host, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The contact of host {Host} was not written; its next request tries again")]
    private partial void LogNotWritten(string host, Exception exception);

    private sealed class WaitingPoll(HostSightings sightings, string host) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                sightings.DoneWaiting(host);
            }
        }
    }
}
