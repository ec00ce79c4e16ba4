using HaVip.Contracts.Api;
using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// Creating, listing, expiring and revoking keys. An admin manages every account's keys; a
/// tenant only its own account's tenant keys, and sees no other key, not even as "forbidden".
/// A tenant gives no key more than its own (see <see cref="KeyRules"/>) and holds at most
/// <see cref="AuthOptions.MaxKeysPerAccount"/> live keys per account.
/// </summary>
public sealed class KeyService(HaVipDbContext db, WriteGate gate, TimeProvider time, IOptions<AuthOptions> options)
{
    public Task<(ApiKey Key, string Secret)> CreateAsync(Caller caller, CreateApiKeyRequest request, CancellationToken ct)
    {
        var role = (request.Role ?? KeyRole.Tenant).ToDomain();
        var accountId = request.AccountId ?? caller.AccountId;
        Check(caller, request, role, time.UtcNow());
        return gate.RunAsync(db, async c =>
        {
            var now = time.UtcNow();
            var creator = await ActiveKeyAsync(caller, now, c);
            if ((!caller.IsAdmin && accountId != caller.AccountId) || !await db.Accounts.AnyAsync(a => a.Id == accountId, c))
            {
                throw DomainException.NotFound("account", accountId);
            }
            var rate = request.RateLimitPerSecond;
            var expires = request.ExpiresAt?.ToUniversalTime();
            if (!caller.IsAdmin)
            {
                // Unsaid, a tenant's new key takes its creator's limits rather than the server's
                // defaults: never more than the creator has.
                rate ??= creator.RateLimitPerSecond;
                expires ??= creator.ExpiresAt;
                var errors = new ErrorCollector();
                KeyRules.CheckWithinCreator(Grant(creator.RateLimitPerSecond, creator.ExpiresAt), Grant(rate, expires), errors);
                KeyRules.CheckKeyCount(await LiveKeyCountAsync(accountId, now, c), options.Value.MaxKeysPerAccount, errors);
                errors.ThrowIfAny();
            }
            var secret = ApiKeySecrets.New();
            var key = new ApiKey
            {
                Id = ResourceId.NewKeyId(),
                Name = request.Name!.Trim(),
                AccountId = accountId,
                Role = role,
                Prefix = ApiKeySecrets.PrefixOf(secret),
                Hash = ApiKeySecrets.Hash(secret),
                Host = role == ApiKeyRole.Agent ? request.Host!.Trim() : null,
                RateLimitPerSecond = rate,
                CreatedAt = now,
                ExpiresAt = expires,
            };
            db.ApiKeys.Add(key);
            return (key, secret);
        }, ct);
    }

    public async Task<(IReadOnlyList<ApiKey> Items, string? NextPageToken)> ListAsync(Caller caller, string? accountId, Paging paging, CancellationToken ct)
    {
        var query = Visible(caller);
        if (accountId is not null)
        {
            query = query.Where(k => k.AccountId == accountId);
        }
        if (paging.After is { } after)
        {
            query = query.Where(k => string.Compare(k.Id, after) > 0);
        }
        return paging.Page(await query.OrderBy(k => k.Id).Take(paging.Size + 1).ToListAsync(ct), k => k.Id);
    }

    public async Task<ApiKey> GetAsync(Caller caller, string id, CancellationToken ct) =>
        await Visible(caller).AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw DomainException.NotFound("key", id);

    public Task<ApiKey> UpdateAsync(Caller caller, string id, UpdateApiKeyRequest request, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        if (request.Name is not null)
        {
            NameRules.CheckName(request.Name, errors);
        }
        errors.ThrowIfAny();
        return gate.RunAsync(db, async c =>
        {
            var now = time.UtcNow();
            await ActiveKeyAsync(caller, now, c);
            var key = await Visible(caller).FirstOrDefaultAsync(k => k.Id == id, c) ?? throw DomainException.NotFound("key", id);
            if (request.ExpiresAt is { } expires)
            {
                key.ChangeExpiry(expires.ToUniversalTime(), now, caller.IsAdmin);
            }
            if (request.Name is not null)
            {
                key.Rename(request.Name);
            }
            return key;
        }, ct);
    }

    /// <summary>Revoking is final and idempotent (<see cref="ApiKey.Revoke"/>).</summary>
    public Task RevokeAsync(Caller caller, string id, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        await ActiveKeyAsync(caller, time.UtcNow(), c);
        var key = await Visible(caller).FirstOrDefaultAsync(k => k.Id == id, c) ?? throw DomainException.NotFound("key", id);
        key.Revoke(time.UtcNow());
        return true;
    }, ct);

    /// <summary>
    /// The caller's own key, read in the change's transaction: a key that expired or was revoked
    /// since it was authenticated changes nothing, itself included.
    /// </summary>
    private async Task<ApiKey> ActiveKeyAsync(Caller caller, DateTime now, CancellationToken ct)
    {
        var own = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == caller.KeyId, ct);
        return own is not null && own.IsActive(now) ? own : throw new DomainException(ErrorCode.Unauthorized, "This key expired or was revoked.");
    }

    private Task<int> LiveKeyCountAsync(string accountId, DateTime now, CancellationToken ct) =>
        db.ApiKeys.CountAsync(k => k.AccountId == accountId && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);

    /// <summary>What a key gets, with the server's default rate filled in (0: no limit).</summary>
    private KeyGrant Grant(int? rate, DateTime? expires) =>
        new(rate ?? (options.Value.RateLimitPerSecond > 0 ? options.Value.RateLimitPerSecond : null), expires);

    private IQueryable<ApiKey> Visible(Caller caller) => caller.IsAdmin
        ? db.ApiKeys
        : db.ApiKeys.Where(k => k.AccountId == caller.AccountId && k.Role == ApiKeyRole.Tenant);

    private static void Check(Caller caller, CreateApiKeyRequest request, ApiKeyRole role, DateTime now)
    {
        if (!caller.IsAdmin && role != ApiKeyRole.Tenant)
        {
            throw new DomainException(ErrorCode.Forbidden, "Only an admin key can create admin or agent keys.", "role");
        }
        var errors = new ErrorCollector();
        NameRules.CheckName(request.Name, errors);
        if (role == ApiKeyRole.Agent && string.IsNullOrWhiteSpace(request.Host))
        {
            errors.Add(ErrorCode.InvalidParameter, "host is required for an agent key: the host it reports for.", "host");
        }
        else if (role != ApiKeyRole.Agent && request.Host is not null)
        {
            errors.Add(ErrorCode.InvalidParameter, "host is only for agent keys.", "host");
        }
        else if (request.Host is { Length: > 128 } || request.Host?.Any(char.IsControl) == true)
        {
            errors.Add(ErrorCode.InvalidParameter, "host must be at most 128 characters, without control characters.", "host");
        }
        if (request.ExpiresAt is { } expires && expires.ToUniversalTime() <= now)
        {
            errors.Add(ErrorCode.InvalidParameter, "expiresAt must be in the future.", "expiresAt");
        }
        KeyRules.CheckRateLimit(request.RateLimitPerSecond, errors);
        errors.ThrowIfAny();
    }
}
