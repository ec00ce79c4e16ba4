using HaVip.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HaVip.Server.Access;

/// <summary>The console's session: a cookie made from a key at /login, valid while the key is.</summary>
internal static class ConsoleSession
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "havip_session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = LoginPath;
        options.LogoutPath = LogoutPath;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>A revoked or expired key ends its console sessions at their next request.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var caller = Caller.From(context.Principal);
        var keys = context.HttpContext.RequestServices.GetRequiredService<KeyStore>();
        if (caller is null || await keys.FindActiveAsync(caller.KeyId, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
