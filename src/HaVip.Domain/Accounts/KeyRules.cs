using HaVip.Domain.Errors;

namespace HaVip.Domain.Accounts;

/// <summary>
/// What a key may be given. Everyone is held to the platform's bound on a key's rate; a tenant
/// key may give another key no more than it has itself (requests per second, life), and may only
/// shorten a key's life. Only an admin raises either.
/// </summary>
public static class KeyRules
{
    /// <summary>The highest rateLimitPerSecond any key may have, an admin's included.</summary>
    public const int MaxRateLimitPerSecond = 10_000;

    public const int DefaultMaxKeysPerAccount = 50;

    public static void CheckRateLimit(int? rateLimitPerSecond, ErrorCollector errors)
    {
        if (rateLimitPerSecond is < 1 or > MaxRateLimitPerSecond)
        {
            errors.Add(ErrorCode.InvalidParameter, $"rateLimitPerSecond must be between 1 and {MaxRateLimitPerSecond}.", "rateLimitPerSecond");
        }
    }

    /// <summary>A tenant's new key, with what it will really get, against the key creating it.</summary>
    public static void CheckWithinCreator(KeyGrant creator, KeyGrant requested, ErrorCollector errors)
    {
        if (creator.RateLimitPerSecond is { } ceiling && (requested.RateLimitPerSecond ?? int.MaxValue) > ceiling)
        {
            errors.Add(ErrorCode.Forbidden, $"A tenant key may create keys of at most its own rate limit ({ceiling}/s); only an admin key may grant more.", "rateLimitPerSecond");
        }
        if (creator.ExpiresAt is { } end && (requested.ExpiresAt ?? DateTime.MaxValue) > end)
        {
            errors.Add(ErrorCode.Forbidden, $"A tenant key may create keys that expire no later than itself ({end:O}); only an admin key may grant more.", "expiresAt");
        }
    }

    /// <summary>A tenant moving a key's expiry: earlier only (a key with no expiry may be given one).</summary>
    public static void CheckExpiryChange(DateTime? current, DateTime requested, ErrorCollector errors)
    {
        if (current is { } end && requested > end)
        {
            errors.Add(ErrorCode.Forbidden, "A tenant key may only bring a key's expiry forward; only an admin key may extend it or revive an expired key.", "expiresAt");
        }
    }

    /// <summary>
    /// The expiry a change asks for, as it takes effect: a time in the past expires the key now
    /// ("now" is the server's, not the client's), and a key already expired stays expired at its time.
    /// </summary>
    public static DateTime ExpiryFor(DateTime? current, DateTime requested, DateTime now) =>
        requested > now ? requested : current is { } end && end <= now ? end : now;

    public static void CheckKeyCount(int liveKeys, int maxKeys, ErrorCollector errors)
    {
        if (liveKeys >= maxKeys)
        {
            errors.Add(ErrorCode.KeyLimitExceeded, $"The account already holds {liveKeys} live keys, the most it may ({maxKeys}); revoke one first.");
        }
    }
}

/// <summary>What a key is allowed, as it takes effect: a null rate is unlimited, a null expiry never comes.</summary>
public readonly record struct KeyGrant(int? RateLimitPerSecond, DateTime? ExpiresAt);
