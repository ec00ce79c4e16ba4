using HaVip.Domain.Accounts;

namespace HaVip.Server.Access;

/// <summary>Settings under "Auth" (appsettings, environment Auth__X, or command line --Auth:X).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// An admin key to accept, given by whoever starts the server (tests, a lab, a provisioning
    /// system). When unset and no admin key exists, the server creates one and writes it to
    /// <see cref="AdminKeyFile"/> in the data directory.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    public const string AdminKeyFile = "admin.key";

    /// <summary>Requests per second a key may make unless the key says otherwise; 0 turns the limit off.</summary>
    public int RateLimitPerSecond { get; set; } = 200;

    /// <summary>How many requests a key may make at once above its rate (the token bucket's size), in seconds of rate.</summary>
    public double RateLimitBurstSeconds { get; set; } = 2;

    /// <summary>
    /// Failed key attempts (bad keys on the API, failed sign-ins) each client address may make per
    /// second, after a burst of <see cref="FailedKeyAttemptsBurst"/>; over it the answer is 429.
    /// 0 turns the limit off.
    /// </summary>
    public double FailedKeyAttemptsPerSecond { get; set; } = 10;

    public int FailedKeyAttemptsBurst { get; set; } = 20;

    /// <summary>Live (neither expired nor revoked) keys an account may hold; a tenant's key beyond it is refused with 409 KeyLimitExceeded. Admins are not held to it.</summary>
    public int MaxKeysPerAccount { get; set; } = KeyRules.DefaultMaxKeysPerAccount;

    /// <summary>
    /// How long a validated key is trusted without asking the database again. Any change to a key on
    /// this replica (or, on PostgreSQL, on any replica; a lost notification connection counts as one)
    /// forgets every key at once, so revocation is immediate; other changes keep them. This time only
    /// bounds a change no replica could announce. It was 10 s: with 1,000 agents each polling about
    /// once a second, every agent's key was read again every 10 s (~100 key reads a second).
    /// </summary>
    public TimeSpan KeyCacheTime { get; set; } = TimeSpan.FromMinutes(5);
}
