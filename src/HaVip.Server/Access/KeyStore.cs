using System.Collections.Concurrent;
using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// Turns a presented secret (or a console session's key id) into a <see cref="Caller"/>. Keys are
/// cached briefly so that a request does not cost a second query; a cached key is trusted only
/// until the next committed change to a key (<see cref="ChangeSignal.NextKeyChange"/>, which on
/// PostgreSQL hears every replica's), so revoking or expiring a key takes effect on the very next
/// request. Other changes leave the cache alone: a binding change once made every agent it woke
/// read its key again.
/// </summary>
public sealed class KeyStore(IServiceScopeFactory scopes, ChangeSignal changes, TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<string, Cached> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _used = new(StringComparer.Ordinal);
    private long _reads;

    /// <summary>How many times a key was read from the database (a cache miss).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async ValueTask<Caller?> AuthenticateAsync(string? secret, CancellationToken ct)
    {
        if (!ApiKeySecrets.IsWellFormed(secret))
        {
            return null;
        }
        var hash = ApiKeySecrets.Hash(secret!);
        var caller = await LookupAsync(_byHash, hash, db => db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct));
        if (caller is not null)
        {
            _used[caller.KeyId] = time.UtcNow();
        }
        return caller;
    }

    /// <summary>
    /// Whether this replica has accepted <paramref name="secret"/> before and the key was still
    /// active when last read. Only a holder of a real key can make this true; it decides nothing
    /// but whether a failed-attempt budget is spent before checking (see <see cref="FailedKeyAttempts"/>).
    /// </summary>
    public bool IsKnown(string? secret) =>
        ApiKeySecrets.IsWellFormed(secret) && _byHash.TryGetValue(ApiKeySecrets.Hash(secret!), out var hit) && hit.Key.IsActive(time.UtcNow());

    /// <summary>The caller a console session stands for, while its key stays valid.</summary>
    public ValueTask<Caller?> FindActiveAsync(string keyId, CancellationToken ct) =>
        LookupAsync(_byId, keyId, db => db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, ct));

    /// <summary>Keys used since the last call, and when; the audit writer stores them as LastUsedAt.</summary>
    public IReadOnlyList<(string KeyId, DateTime At)> TakeUsage()
    {
        var taken = new List<(string, DateTime)>();
        foreach (var (id, at) in _used)
        {
            if (_used.TryRemove(new KeyValuePair<string, DateTime>(id, at)))
            {
                taken.Add((id, at));
            }
        }
        return taken;
    }

    private async ValueTask<Caller?> LookupAsync(ConcurrentDictionary<string, Cached> cache, string key, Func<HaVipDbContext, Task<ApiKey?>> query)
    {
        var now = time.UtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.IsFresh(now))
        {
            return hit.Key.IsActive(now) ? Caller.Of(hit.Key) : null;
        }
        // Taken before the read: a commit between the read and the store is not missed.
        var invalidated = changes.NextKeyChange;
        Interlocked.Increment(ref _reads);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var stored = await query(db);
        if (stored is null)
        {
            cache.TryRemove(key, out _);
            return null;
        }
        cache[key] = new Cached(stored, now + options.Value.KeyCacheTime, invalidated);
        return stored.IsActive(now) ? Caller.Of(stored) : null;
    }

    private sealed record Cached(ApiKey Key, DateTime Until, Task Invalidated)
    {
        public bool IsFresh(DateTime now) => now < Until && !Invalidated.IsCompleted;
    }
}
