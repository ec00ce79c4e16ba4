using System.Net;
using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Server.Access;
using HaVip.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace HaVip.Server.Console.Login;

/// <summary>
/// The console asks for a key once and keeps a session cookie (HttpOnly, SameSite=Strict) that
/// is valid while the key is. A plain page, not a Blazor one: it must work before any session exists.
/// Sign-in and sign-out carry an antiforgery token, so another site cannot post either form
/// (signing a victim into the attacker's account, or out of their own).
/// </summary>
internal static class LoginEndpoints
{
    public static void MapConsoleLogin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ConsoleSession.LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, returnUrl, null, StatusCodes.Status200OK)).ExcludeFromDescription();
        // Antiforgery is checked in the handlers, not by the middleware: a refused sign-in shows
        // the page again (with a fresh token) instead of a bare 400.
        routes.MapPost(ConsoleSession.LoginPath, SignInAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost(ConsoleSession.LogoutPath, SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, FailedKeyAttempts attempts)
    {
        if (await ReadFormAsync(context) is not { } form)
        {
            return ProblemWriter.Result(context, ErrorCode.InvalidParameter,
                "POST /login takes the login page's form (application/x-www-form-urlencoded or multipart/form-data).");
        }
        var returnUrl = form["returnUrl"].ToString();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Page(context, antiforgery, returnUrl, "This sign-in came from another site, or the page expired: sign in again here.", StatusCodes.Status403Forbidden);
        }
        var check = await attempts.AuthenticateAsync(context, form["key"].ToString().Trim());
        if (check.RetryAfter is { } wait)
        {
            RetryAfter.Set(context, wait);
            return Page(context, antiforgery, returnUrl, "Too many failed sign-ins from your address; wait a moment and try again.", StatusCodes.Status429TooManyRequests);
        }
        if (check.Caller is not { } caller || caller.Role == ApiKeyRole.Agent)
        {
            return Page(context, antiforgery, returnUrl, "That key is not valid (unknown, expired, revoked, or an agent's).", StatusCodes.Status401Unauthorized);
        }
        await context.SignInAsync(AccessHosting.CookieScheme, caller.ToPrincipal(AccessHosting.CookieScheme));
        return Results.Redirect(LocalReturnUrl.Normalize(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (await ReadFormAsync(context) is null || !await antiforgery.IsRequestValidAsync(context))
        {
            return ProblemWriter.Result(context, ErrorCode.Forbidden, "Sign out with the console's own button: this request came from another site or its page expired.");
        }
        await context.SignOutAsync(AccessHosting.CookieScheme);
        return Results.Redirect(ConsoleSession.LoginPath);
    }

    /// <summary>The posted form, or null when the body is not a well-formed form.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var token = antiforgery.GetAndStoreTokens(context);
        return Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1.0" />
          <title>Sign in · HaVip console</title>
          <style>
            body { font-family: Roboto, Helvetica, Arial, sans-serif; background: #f5f5f5; margin: 0; }
            main { max-width: 420px; margin: 12vh auto; background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
            h1 { font-size: 1.4rem; margin: 0 0 8px; }
            p { color: #555; font-size: .9rem; }
            label { display: block; font-size: .85rem; margin: 16px 0 4px; }
            input[type=password] { width: 100%; box-sizing: border-box; padding: 10px; font-size: 1rem; border: 1px solid #bbb; border-radius: 4px; }
            button { margin-top: 20px; width: 100%; padding: 10px; font-size: 1rem; background: #594ae2; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
            .error { color: #b00020; }
          </style>
        </head>
        <body>
          <main>
            <h1>HaVip console</h1>
            <p>Sign in with an API key. A new server writes its first admin key to <code>admin.key</code> in its data directory.</p>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="{{ConsoleSession.LoginPath}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(LocalReturnUrl.Normalize(returnUrl))}}" />
              <input type="hidden" name="{{WebUtility.HtmlEncode(token.FormFieldName)}}" value="{{WebUtility.HtmlEncode(token.RequestToken)}}" />
              <label for="key">API key</label>
              <input id="key" name="key" type="password" autocomplete="off" autofocus required />
              <button type="submit">Sign in</button>
            </form>
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
    }
}
