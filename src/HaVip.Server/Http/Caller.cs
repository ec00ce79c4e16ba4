using System.Globalization;
using System.Security.Claims;
using HaVip.Domain.Accounts;

namespace HaVip.Server.Http;

/// <summary>Who is calling: the key, its account and what it may do.</summary>
public sealed record Caller(string KeyId, string AccountId, ApiKeyRole Role, string Prefix, string? Host, int? RateLimitPerSecond)
{
    private const string KeyClaim = "havip:key";
    private const string AccountClaim = "havip:account";
    private const string RoleClaim = "havip:role";
    private const string PrefixClaim = "havip:prefix";
    private const string HostClaim = "havip:host";
    private const string RateClaim = "havip:rate";

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    public static Caller Of(ApiKey key) => new(key.Id, key.AccountId, key.Role, key.Prefix, key.Host, key.RateLimitPerSecond);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, KeyId),
            new(KeyClaim, KeyId),
            new(AccountClaim, AccountId),
            new(ClaimTypes.Role, Role.ToString()),
            new(RoleClaim, Role.ToString()),
            new(PrefixClaim, Prefix),
        ];
        if (Host is not null)
        {
            claims.Add(new Claim(HostClaim, Host));
        }
        if (RateLimitPerSecond is { } rate)
        {
            claims.Add(new Claim(RateClaim, rate.ToString(CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role));
    }

    /// <summary>The caller a principal stands for, or null for anonymous requests.</summary>
    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || user.FindFirst(KeyClaim)?.Value is not { } key
            || user.FindFirst(AccountClaim)?.Value is not { } account
            || !Enum.TryParse<ApiKeyRole>(user.FindFirst(RoleClaim)?.Value, out var role))
        {
            return null;
        }
        var rate = int.TryParse(user.FindFirst(RateClaim)?.Value, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        return new Caller(key, account, role, user.FindFirst(PrefixClaim)?.Value ?? "", user.FindFirst(HostClaim)?.Value, rate);
    }
}

public static class CallerHttpContextExtensions
{
    /// <summary>The authenticated caller; endpoints behind an authorization policy always have one.</summary>
    public static Caller Caller(this HttpContext context) =>
        Http.Caller.From(context.User) ?? throw new InvalidOperationException("The request is not authenticated.");
}
