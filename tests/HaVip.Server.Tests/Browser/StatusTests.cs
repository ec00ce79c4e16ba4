using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StatusTests(BrowserFixture browser)
{
    [Fact]
    public async Task List_StatusTurnsFailedByItself_AndTheChipTellsWhyOnHover()
    {
        // No agent ever applies the HAVIP of a hosted subnet: it fails at the (short) deadline,
        // long enough that a loaded machine still shows the page before it passes.
        var deadline = TimeSpan.FromSeconds(20);
        await using var server = await ConsoleServer.StartAsync($"--HaVip:ApplyDeadline={deadline:c}");
        var (vpc, subnet) = await server.Api.NetworkAsync();
        await server.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv-1", name: "hosted");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "empty-state");
        // Created once the page is up, so that the deadline runs while the page watches.
        var vip = await server.Api.HaVipAsync(subnet, name: "doomed");
        var chip = ui.Row(vip.Id).Locator("[data-testid='status']");
        await Expect(chip).ToHaveAttributeAsync("data-status", "creating");

        // The deadline from creation, then the scan that marks it and the push to the page.
        await Expect(chip).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = (float)(deadline + TimeSpan.FromSeconds(30)).TotalMilliseconds });
        var stored = await server.Api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}");
        stored.Status.Should().Be(HaVipState.Failed);
        stored.StatusReason.Should().NotBeNullOrEmpty();
        await chip.HoverAsync();
        await Expect(ui.Page.Locator(".mud-tooltip")).ToContainTextAsync(stored.StatusReason!);
    }
}
