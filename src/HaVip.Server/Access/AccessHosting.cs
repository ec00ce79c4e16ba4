using System.Threading.RateLimiting;
using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using HaVip.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>Keys, console sessions, policies, per-key rate limits and the account every request works in.</summary>
public static class AccessHosting
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string DefaultScheme = "HaVip";

    public static WebApplicationBuilder AddHaVipAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<KeyStore>();
        services.AddSingleton<FailedKeyAttempts>();
        services.AddScoped<AccountScope>();
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or console session", o =>
                o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, ConsoleSession.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Tenant, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(nameof(ApiKeyRole.Tenant), nameof(ApiKeyRole.Admin)))
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(nameof(ApiKeyRole.Admin)))
            .AddPolicy(Policies.Agent, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(nameof(ApiKeyRole.Agent)))
            .AddPolicy(Policies.Console, p => p.AddAuthenticationSchemes(CookieScheme)
                .RequireAuthenticatedUser().RequireRole(nameof(ApiKeyRole.Tenant), nameof(ApiKeyRole.Admin)));
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionByKey);
            o.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>Authentication, rate limits, authorization, then the caller's account for the rest of the request.</summary>
    public static WebApplication UseHaVipAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use((context, next) =>
        {
            if (Caller.From(context.User) is { } caller)
            {
                var scope = context.RequestServices.GetRequiredService<AccountScope>();
                if (caller.Role == ApiKeyRole.Agent)
                {
                    // Agents serve a host, and a host runs every account's instances.
                    scope.UseAll();
                }
                else
                {
                    scope.Use(caller.AccountId);
                }
            }
            return next(context);
        });
        return app;
    }

    private static RateLimitPartition<string> PartitionByKey(HttpContext context)
    {
        var caller = Caller.From(context.User);
        var options = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var rate = caller?.RateLimitPerSecond ?? options.RateLimitPerSecond;
        if (caller is null || rate <= 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var burst = options.RateLimitBurstSeconds;
        // The partition is named by key and rate, so a changed rate takes a fresh bucket.
        return RateLimitPartition.GetTokenBucketLimiter($"{caller.KeyId}/{rate}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(rate * Math.Max(1, burst))),
            TokensPerPeriod = rate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        RetryAfter.Set(context, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
        await ProblemWriter.Result(context, ErrorCode.RateLimited, "This key made more requests than its rate limit allows; retry after the Retry-After header.")
            .ExecuteAsync(context);
    }
}
