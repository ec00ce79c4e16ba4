using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HaVip.Server.Tests.Console.Login;

/// <summary>
/// The console's sign-in as a browser does it over plain HTTP: a cookie jar, no redirects
/// followed, and the login page's form fields (the antiforgery token among them) sent back.
/// </summary>
internal sealed partial class ConsoleBrowser(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
{
    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The hidden fields of the login page's form, as this browser would post them.</summary>
    public async Task<Dictionary<string, string>> LoginFormAsync()
    {
        var page = await Http.GetStringAsync("/login");
        return HiddenField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    /// <summary>Posts the login page's own form with <paramref name="key"/> and <paramref name="returnUrl"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string? returnUrl = null)
    {
        var form = await LoginFormAsync();
        form["key"] = key;
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }
        return await Http.PostAsync("/login", new FormUrlEncodedContent(form));
    }

    /// <summary>Signs out the way the console's sign-out button does: with the form's token.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var form = await LoginFormAsync();
        form.Remove("returnUrl");
        return await Http.PostAsync("/logout", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
