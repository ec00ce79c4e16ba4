using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>The console's pages as a test drives them, by the data-testid marks the components carry.</summary>
internal sealed class ConsoleUi(IPage page, ConsoleServer server)
{
    public IPage Page => page;

    public ILocator TestId(string id) => page.Locator($"[data-testid='{id}']");

    public ILocator Dialog(string id) => page.Locator($".mud-dialog:has([data-testid='{id}']), [data-testid='{id}'].mud-dialog").First;

    public ILocator Row(string vipId) => page.Locator("tr.mud-table-row", new() { Has = page.Locator($"[data-testid='vip-row'][data-id='{vipId}']") });

    public ILocator RowByName(string name) => page.Locator("tr.mud-table-row", new() { Has = page.Locator("[data-testid='vip-name']", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{name}$") }) });

    public ILocator HostRow(string name) => page.Locator("tr.mud-table-row", new() { Has = page.Locator($"[data-testid='host-row'][data-name='{name}']") });

    public ILocator Choice(string instanceId) => page.Locator($"[data-testid='instance-choice'][data-instance='{instanceId}']");

    /// <summary>
    /// Opens a page and waits until the circuit rendered it (no prerendering: visible means
    /// interactive). Signs in with the test admin key first when the console asks for one.
    /// </summary>
    public async Task GotoAsync(string path, string readyTestId)
    {
        await page.GotoAsync(server.Url(path));
        if (new Uri(page.Url).AbsolutePath == "/login")
        {
            await SignInAsync(TestKeys.Admin);
        }
        await Expect(TestId(readyTestId).First).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string key)
    {
        await page.Locator("#key").FillAsync(key);
        await page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>Types into a MudTextField wrapped in a data-testid element, then leaves it so the value is committed.</summary>
    public async Task TypeAsync(string testId, string text)
    {
        var input = TestId(testId).Locator("input").First;
        await input.FillAsync(text);
        await input.BlurAsync();
    }

    public async Task ToggleAsync(string instanceId) => await Choice(instanceId).Locator("input[type=checkbox]").ClickAsync();

    public async Task SelectRowAsync(string vipId) => await Row(vipId).Locator("td").First.Locator("input[type=checkbox]").ClickAsync();
}
