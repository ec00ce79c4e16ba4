using System.Globalization;
using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ListFilterTests(BrowserFixture browser)
{
    [Fact]
    public async Task List_PagesSearchesAndFiltersByStatus()
    {
        // No agent acknowledges here: the two "creating" HAVIPs must stay creating for the whole
        // test, not turn failed at the 30 s apply deadline when a loaded machine runs it slowly.
        await using var server = await ConsoleServer.StartAsync("--HaVip:ApplyDeadline=01:00:00");
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var hosted = await server.Api.SubnetAsync(vpc.Id, "10.0.241.0/24");
        await server.Api.InstanceAsync(vpc.Id, hosted.Id, host: "hv-1", name: "hosted");
        for (var i = 0; i < 23; i++)
        {
            await server.Api.HaVipAsync(subnet, name: "app-" + i.ToString("00", CultureInfo.InvariantCulture));
        }
        await server.Api.HaVipAsync(hosted, name: "pending-a");
        await server.Api.HaVipAsync(hosted, name: "pending-b");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        var caption = ui.Page.Locator(".mud-table-pagination-caption").Last;
        await ui.GotoAsync("/vips", "vip-row");

        await Expect(caption).ToContainTextAsync("1-20 of 25");
        await Expect(ui.TestId("vip-row")).ToHaveCountAsync(20);
        await ui.Page.Locator(".mud-table-pagination-actions button").Nth(2).ClickAsync();
        await Expect(caption).ToContainTextAsync("21-25 of 25");
        await Expect(ui.TestId("vip-row")).ToHaveCountAsync(5);

        await ui.TestId("search").Locator("input").FillAsync("APP-1");
        await Expect(caption).ToContainTextAsync("1-10 of 10");
        await Expect(ui.TestId("vip-name")).ToHaveCountAsync(10);
        // Rows are in id order (stable while HAVIPs come and go), not name order.
        (await ui.TestId("vip-name").AllTextContentsAsync()).Should().BeEquivalentTo(Enumerable.Range(10, 10).Select(i => $"app-{i}"));

        await ui.TestId("search").Locator("input").FillAsync("");
        await Expect(caption).ToContainTextAsync("1-20 of 25");
        await ui.TestId("status-filter").Locator(".mud-input-control.mud-select").ClickAsync();
        await ui.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "creating" }).ClickAsync();
        await Expect(caption).ToContainTextAsync("1-2 of 2");
        await Expect(ui.TestId("vip-name")).ToHaveCountAsync(2);
        (await ui.TestId("vip-name").AllTextContentsAsync()).Should().BeEquivalentTo(["pending-a", "pending-b"]);
        (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips?status=creating")).Items.Select(v => v.Name).Should().BeEquivalentTo(["pending-a", "pending-b"]);
    }
}
