using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>
/// Per replica, the recent changes and what each touched (<see cref="ChangeScopeRow"/>), read
/// once per change in sequence order, and the long-polls waiting on each scope. A change wakes
/// the polls of the hosts carrying a subnet it touched or of a host it named, and no other: its
/// cost grows with the hosts it touches, not with the fleet. The feed reads after each commit of
/// this process, on each other replica's notification, and every
/// <see cref="ServerOptions.ChangeFeedRecheck"/> otherwise (one query on
/// the sequence for the whole replica, however many polls wait). It keeps the last
/// <see cref="History"/> scopes; a poll whose version is older than that is answered at once
/// (the caller sends a complete state).
/// </summary>
public sealed partial class DesiredStateFeed(IServiceScopeFactory scopes, ChangeSignal signal, IOptions<ServerOptions> options, ILogger<DesiredStateFeed> logger)
    : BackgroundService
{
    public const int History = 20_000;
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, string Scope)> _log = [];
    private readonly Dictionary<string, HashSet<Waiter>> _waiting = new(StringComparer.Ordinal);

    // Per scope, the latest change read that touched it (never trimmed: one entry per subnet and host);
    // cleared, with a new epoch, when the log starts again.
    private readonly Dictionary<string, long> _touched = new(StringComparer.Ordinal);
    private int _epoch;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Every change after _complete is in _log; every change up to _seen was read.
    private long _complete;
    private long _seen;

    /// <summary>The latest change this replica has read.</summary>
    public long Seen
    {
        get
        {
            lock (_lock)
            {
                return _seen;
            }
        }
    }

    /// <summary>
    /// Completes when a change after <paramref name="after"/> touches one of <paramref name="scopes"/>
    /// (at once when one already did, or when <paramref name="after"/> is older than the history);
    /// cancelled with <paramref name="ct"/> otherwise.
    /// </summary>
    public async Task WaitAsync(IReadOnlyCollection<string> scopes, long after, CancellationToken ct)
    {
        await _ready.Task.WaitAsync(ct);
        var waiter = new Waiter(scopes, after);
        lock (_lock)
        {
            if (after < _complete || TouchedLocked(waiter, after))
            {
                return;
            }
            foreach (var scope in scopes)
            {
                if (!_waiting.TryGetValue(scope, out var set))
                {
                    _waiting[scope] = set = [];
                }
                set.Add(waiter);
            }
        }
        try
        {
            await waiter.Woken.Task.WaitAsync(ct);
        }
        finally
        {
            lock (_lock)
            {
                RemoveLocked(waiter);
            }
        }
    }

    /// <summary>Whether a change after <paramref name="after"/> touched one of the scopes, as far as this replica has read.</summary>
    public bool Touched(IReadOnlyCollection<string> scopes, long after)
    {
        lock (_lock)
        {
            return after < _complete || TouchedLocked(new Waiter(scopes, after), after);
        }
    }

    /// <summary>The scopes of the changes in (<paramref name="after"/>, <paramref name="upTo"/>]; null when the history no longer reaches back to <paramref name="after"/>.</summary>
    public IReadOnlySet<string>? ScopesBetween(long after, long upTo)
    {
        lock (_lock)
        {
            if (!_ready.Task.IsCompleted || after < _complete)
            {
                return null;
            }
            var touched = new HashSet<string>(StringComparer.Ordinal);
            for (var i = _log.Count - 1; i >= 0 && _log[i].Sequence > after; i--)
            {
                if (_log[i].Sequence <= upTo)
                {
                    touched.Add(_log[i].Scope);
                }
            }
            return touched;
        }
    }

    /// <summary>
    /// What this replica has read, for a value read from the database after it (<see cref="ScopeCache{T}"/>):
    /// such a value reflects every change up to <see cref="FeedStamp.Seen"/>. False before the first read.
    /// </summary>
    internal bool TryStamp(out FeedStamp stamp)
    {
        lock (_lock)
        {
            stamp = new FeedStamp(_seen, _epoch);
            return _ready.Task.IsCompleted;
        }
    }

    /// <summary>
    /// Whether a value of <paramref name="scope"/> read after <paramref name="since"/> still holds at
    /// <paramref name="upTo"/>: this replica has read every change up to it, none of them after
    /// <paramref name="since"/> touched the scope, and the log did not start again meanwhile.
    /// </summary>
    internal bool Unchanged(string scope, FeedStamp since, long upTo)
    {
        lock (_lock)
        {
            return _ready.Task.IsCompleted && since.Epoch == _epoch && upTo <= _seen
                && (!_touched.TryGetValue(scope, out var touched) || touched <= since.Seen);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WarmAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = signal.Next;
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReadFailed(logger, e);
            }
            try
            {
                await next.WaitAsync(options.Value.ChangeFeedRecheck, stoppingToken);
            }
            catch (TimeoutException)
            {
                // Nothing heard: read anyway, a notification may have been missed.
            }
        }
    }

    /// <summary>
    /// Translates the queries of an answer before the first change needs them. Without it the
    /// first answer after a start took 0.55-0.82 s to build on a loaded machine, after the
    /// notification had woken its poll within 20 ms: a change looked as if the notification
    /// was late. A failure here only costs that first answer its time.
    /// </summary>
    private async Task WarmAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DesiredStateQuery>().WarmAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmFailed(logger, e);
        }
    }

    /// <summary>Reads the changes committed since the last read and wakes the polls they concern.</summary>
    internal async Task ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        // The number first: a change's scopes commit with its number, so every scope up to it is visible.
        var latest = await db.LatestChangeAsync(ct);
        long from;
        lock (_lock)
        {
            if (_ready.Task.IsCompleted && latest <= _seen)
            {
                return;
            }
            // At start, or far behind: read only the history's worth; older versions get complete states.
            from = !_ready.Task.IsCompleted || latest - _seen > History ? Math.Max(0, latest - History) : _seen;
        }
        var rows = await db.ChangeScopes.AsNoTracking().Where(r => r.Sequence > from && r.Sequence <= latest)
            .OrderBy(r => r.Sequence).Select(r => new { r.Sequence, r.Scope }).ToListAsync(ct);
        Apply(from, latest, [.. rows.Select(r => (r.Sequence, r.Scope))]);
    }

    /// <summary>Takes the changes in (<paramref name="from"/>, <paramref name="latest"/>], in sequence order, and wakes the polls they concern.</summary>
    internal void Apply(long from, long latest, IReadOnlyList<(long Sequence, string Scope)> rows)
    {
        lock (_lock)
        {
            if (from != _seen)
            {
                _log.Clear();
                _complete = from;
                // What was read before the gap may have missed a change: cached values too.
                _touched.Clear();
                _epoch++;
                // Whoever waited may have missed a change: they all look again.
                WakeAllLocked();
            }
            foreach (var (sequence, scope) in rows)
            {
                _log.Add((sequence, scope));
                _touched[scope] = sequence;
                WakeLocked(scope, sequence);
            }
            _seen = latest;
            TrimLocked();
        }
        _ready.TrySetResult();
    }

    private bool TouchedLocked(Waiter waiter, long after)
    {
        for (var i = _log.Count - 1; i >= 0 && _log[i].Sequence > after; i--)
        {
            if (waiter.Scopes.Contains(_log[i].Scope))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Wakes the polls on <paramref name="scope"/> that hold a version before <paramref name="sequence"/>.
    /// A poll can start holding a change this replica has not read yet (its version came from the
    /// database, through a complete state): that change, read later, is not news to it.
    /// </summary>
    private void WakeLocked(string scope, long sequence)
    {
        if (!_waiting.TryGetValue(scope, out var set))
        {
            return;
        }
        foreach (var waiter in set.Where(w => w.After < sequence))
        {
            waiter.Woken.TrySetResult();
        }
        set.RemoveWhere(w => w.After < sequence);
        if (set.Count == 0)
        {
            _waiting.Remove(scope);
        }
    }

    private void WakeAllLocked()
    {
        foreach (var scope in _waiting.Keys.ToArray())
        {
            WakeLocked(scope, long.MaxValue);
        }
    }

    private void RemoveLocked(Waiter waiter)
    {
        foreach (var scope in waiter.Scopes)
        {
            if (_waiting.TryGetValue(scope, out var set) && set.Remove(waiter) && set.Count == 0)
            {
                _waiting.Remove(scope);
            }
        }
    }

    private void TrimLocked()
    {
        // Trimmed in chunks, so a long log is not shifted on every change.
        if (_log.Count > History + History / 4)
        {
            var drop = _log.Count - History;
            _complete = _log[drop - 1].Sequence;
            _log.RemoveRange(0, drop);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparing the desired-state queries failed; the first answer prepares them")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change feed failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    private sealed class Waiter(IReadOnlyCollection<string> scopes, long after)
    {
        public IReadOnlySet<string> Scopes { get; } = scopes.ToHashSet(StringComparer.Ordinal);

        /// <summary>The version the poll holds.</summary>
        public long After { get; } = after;

        public TaskCompletionSource Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How far a replica's <see cref="DesiredStateFeed"/> had read (<c>Seen</c>), and since which restart of its log (<c>Epoch</c>).</summary>
internal readonly record struct FeedStamp(long Seen, int Epoch);
