using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using HaVip.Server.Http;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// Checks a presented key within its client address's budget of failed attempts (a token bucket
/// per IPv4 address or IPv6 /64). Every failed check costs one attempt. A key this replica has
/// already accepted is always checked; any other key only while the address has budget left, so
/// once it is spent no guess is checked at all and a right guess cannot stand out from wrong
/// ones. A valid key's first use costs nothing (a client's first burst is never refused), but
/// from an address over its budget it waits like a guess: the price of not telling a guesser
/// which guess was right.
/// </summary>
public sealed class FailedKeyAttempts : IDisposable
{
    private readonly KeyStore _keys;
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly TimeSpan _refill = TimeSpan.FromSeconds(1);

    public FailedKeyAttempts(KeyStore keys, IOptions<AuthOptions> options)
    {
        _keys = keys;
        var perSecond = options.Value.FailedKeyAttemptsPerSecond;
        if (perSecond > 0)
        {
            var bucket = new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.Value.FailedKeyAttemptsBurst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            _refill = bucket.ReplenishmentPeriod;
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));
        }
    }

    /// <summary>The caller <paramref name="secret"/> stands for (null: not a valid key), or how long the address must wait.</summary>
    public readonly record struct Outcome(Caller? Caller, TimeSpan? RetryAfter);

    public async ValueTask<Outcome> AuthenticateAsync(HttpContext context, string? secret)
    {
        var address = PartitionOf(context.Connection.RemoteIpAddress);
        var known = _keys.IsKnown(secret);
        if (!known && Spent(address))
        {
            return new Outcome(null, _refill);
        }
        var caller = await _keys.AuthenticateAsync(secret, context.RequestAborted);
        if (caller is null && Spend(address) is { } after)
        {
            return new Outcome(null, after);
        }
        return new Outcome(caller, null);
    }

    /// <summary>
    /// Whether the address has no attempt left. Read from the bucket's statistics: a token
    /// bucket grants a lease of zero permits even when it is empty, so asking for none tells nothing.
    /// </summary>
    private bool Spent(string address) => _limiter?.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Takes one attempt from the address's budget; null when there was one, else how long until there is.</summary>
    private TimeSpan? Spend(string address)
    {
        if (_limiter is null)
        {
            return null;
        }
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _refill;
    }

    /// <summary>An IPv4 address, or an IPv6 /64: one host usually owns a whole /64.</summary>
    internal static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter?.Dispose();
}
