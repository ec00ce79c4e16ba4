using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture browser)
{
    [Fact]
    public async Task Console_AsksForAKeyOnce_KeepsTheSession_AndSignsOut()
    {
        await using var server = await ConsoleServer.StartAsync();
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);

        await ui.Page.GotoAsync(server.Url("/vips"));
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await ui.SignInAsync("hvk_NotAKeyAnybodyHas000000000000000000000000");
        await Expect(ui.Page.Locator(".error")).ToContainTextAsync("not valid");

        await ui.SignInAsync(TestKeys.Admin);
        await Expect(ui.TestId("empty-state")).ToBeVisibleAsync();
        var cookie = (await ui.Page.Context.CookiesAsync()).Single(c => c.Name == "havip_session");
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(Microsoft.Playwright.SameSiteAttribute.Strict);

        await ui.Page.GotoAsync(server.Url("/inventory/vpcs"));
        await Expect(ui.TestId("empty-state")).ToBeVisibleAsync();
        new Uri(ui.Page.Url).AbsolutePath.Should().Be("/inventory/vpcs", "the session holds: no second sign-in");

        await ui.TestId("logout").ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await ui.Page.GotoAsync(server.Url("/vips"));
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task SignIn_WithATabbedOffSiteReturnUrl_StaysOnTheConsole()
    {
        await using var server = await ConsoleServer.StartAsync();
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        // Chromium drops the tab of "/\t/evil.example" and reads "//evil.example": another origin.
        await ui.Page.GotoAsync(server.Url("/login?returnUrl=/%09/evil.example"));

        await ui.SignInAsync(TestKeys.Admin);

        await Expect(ui.TestId("empty-state")).ToBeVisibleAsync();
        new Uri(ui.Page.Url).GetLeftPart(UriPartial.Authority).Should().Be(server.BaseUrl.GetLeftPart(UriPartial.Authority));
        browser.BlockedRequests.Should().NotContain(url => url.Contains("evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokingTheKey_EndsItsConsoleSession()
    {
        await using var server = await ConsoleServer.StartAsync();
        var key = await TestKeys.CreateAsync(server.Api.Http, new CreateApiKeyRequest("operator"));
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.Page.GotoAsync(server.Url("/vips"));
        await ui.SignInAsync(key.Secret);
        await Expect(ui.TestId("empty-state")).ToBeVisibleAsync();

        (await server.Api.Http.DeleteAsync($"/v1/keys/{key.Key.Id}")).EnsureSuccessStatusCode();
        // A new tab with the same cookie: the old page may itself be sent to /login at any moment
        // (its live connection ends with the session), which would abort a navigation made in it.
        var tab = await ui.Page.Context.NewPageAsync();
        await tab.GotoAsync(server.Url("/vips"));

        await Expect(tab).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
