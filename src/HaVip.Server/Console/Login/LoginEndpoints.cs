using System.Net;
using HaVip.Domain.Accounts;
using HaVip.Server.Access;
using Microsoft.AspNetCore.Authentication;

namespace HaVip.Server.Console.Login;

/// <summary>
/// The console asks for a key once and keeps a session cookie (HttpOnly, SameSite=Strict) that
/// is valid while the key is. A plain page, not a Blazor one: it must work before any session exists.
/// </summary>
internal static class LoginEndpoints
{
    public static void MapConsoleLogin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ConsoleSession.LoginPath, (string? returnUrl) => Page(returnUrl, null, StatusCodes.Status200OK)).ExcludeFromDescription();
        routes.MapPost(ConsoleSession.LoginPath, SignInAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost(ConsoleSession.LogoutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(AccessHosting.CookieScheme);
            return Results.Redirect(ConsoleSession.LoginPath);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, KeyStore keys)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var caller = await keys.AuthenticateAsync(form["key"].ToString().Trim(), context.RequestAborted);
        if (caller is null || caller.Role == ApiKeyRole.Agent)
        {
            return Page(returnUrl, "That key is not valid (unknown, expired, revoked, or an agent's).", StatusCodes.Status401Unauthorized);
        }
        await context.SignInAsync(AccessHosting.CookieScheme, caller.ToPrincipal(AccessHosting.CookieScheme));
        // Only a path of this site: a crafted returnUrl must not send the operator elsewhere.
        var target = returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
        return Results.Redirect(target);
    }

    private static IResult Page(string? returnUrl, string? error, int status) => Results.Content($$"""
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
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}" />
              <label for="key">API key</label>
              <input id="key" name="key" type="password" autocomplete="off" autofocus required />
              <button type="submit">Sign in</button>
            </form>
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
