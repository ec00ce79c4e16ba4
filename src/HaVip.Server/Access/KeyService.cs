using HaVip.Contracts.Api;
using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Access;

/// <summary>
/// Creating, listing, expiring and revoking keys. An admin manages every account's keys; a
/// tenant only its own account's tenant keys, and sees no other key, not even as "forbidden".
/// </summary>
public sealed class KeyService(HaVipDbContext db, WriteGate gate, TimeProvider time)
{
    public const int MaxRateLimit = 1_000_000;

    public Task<(ApiKey Key, string Secret)> CreateAsync(Caller caller, CreateApiKeyRequest request, CancellationToken ct)
    {
        var now = time.UtcNow();
        var role = (request.Role ?? KeyRole.Tenant).ToDomain();
        var accountId = request.AccountId ?? caller.AccountId;
        Check(caller, request, role, now);
        return gate.RunAsync(db, async c =>
        {
            if ((!caller.IsAdmin && accountId != caller.AccountId) || !await db.Accounts.AnyAsync(a => a.Id == accountId, c))
            {
                throw DomainException.NotFound("account", accountId);
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
                RateLimitPerSecond = request.RateLimitPerSecond,
                CreatedAt = now,
                ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
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
            var key = await Visible(caller).FirstOrDefaultAsync(k => k.Id == id, c) ?? throw DomainException.NotFound("key", id);
            if (request.Name is not null)
            {
                key.Name = request.Name.Trim();
            }
            if (request.ExpiresAt is { } expires)
            {
                // A time in the past expires the key now; "now" is the server's, not the client's.
                var now = time.UtcNow();
                key.ExpiresAt = expires.ToUniversalTime() < now ? now : expires.ToUniversalTime();
            }
            return key;
        }, ct);
    }

    /// <summary>Revoking is final and idempotent: a revoked key stays revoked at its first revocation's time.</summary>
    public Task RevokeAsync(Caller caller, string id, CancellationToken ct) => gate.RunAsync(db, async c =>
    {
        var key = await Visible(caller).FirstOrDefaultAsync(k => k.Id == id, c) ?? throw DomainException.NotFound("key", id);
        key.RevokedAt ??= time.UtcNow();
        return true;
    }, ct);

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
        if (request.RateLimitPerSecond is < 1 or > MaxRateLimit)
        {
            errors.Add(ErrorCode.InvalidParameter, $"rateLimitPerSecond must be between 1 and {MaxRateLimit}.", "rateLimitPerSecond");
        }
        errors.ThrowIfAny();
    }
}
