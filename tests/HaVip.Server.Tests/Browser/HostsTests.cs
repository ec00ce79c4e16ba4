using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>The fleet in the console (issue "A region, not a box"): admins list hosts by state and read a host's history; tenants do not see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_ListsHosts_FiltersByState_AndReadsAHostsHistory()
    {
        // hv1 registers once and stays silent: an hour's threshold keeps it ready however slowly
        // the loaded machine drives the browser (the default 15 s was passed on a run).
        await using var server = await ConsoleServer.StartAsync("--HaVip:HostStaleAfter", "01:00:00");
        var agent = new ApiClient(new HttpClient { BaseAddress = server.BaseUrl }.WithKey(await TestKeys.AgentKeyAsync(server.Api.Http, "hv1")));
        (await agent.PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11", "1.2.3"))).EnsureSuccessStatusCode();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        await server.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        await server.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv3", name: "c");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-table");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "Hosts" }).ClickAsync();
        await Expect(ui.HostRow("hv1")).ToContainTextAsync("10.255.0.11");
        await Expect(ui.HostRow("hv1")).ToContainTextAsync("1.2.3");
        await Expect(ui.HostRow("hv1").Locator("[data-testid='host-state']")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(ui.HostRow("hv3").Locator("[data-testid='host-state']")).ToHaveAttributeAsync("data-state", "unknown");

        await ui.TestId("host-state-filter").ClickAsync();
        await ui.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "unknown" }).ClickAsync();
        await Expect(ui.HostRow("hv1")).ToHaveCountAsync(0);
        await Expect(ui.HostRow("hv3")).ToBeVisibleAsync();

        await ui.HostRow("hv3").Locator("a").ClickAsync();
        await Expect(ui.TestId("host-name")).ToHaveTextAsync("hv3");
        await Expect(ui.TestId("host-events")).ToContainTextAsync("No agent ever registered");

        await ui.GotoAsync("/hosts/hv1", "host-name");
        await Expect(ui.TestId("host-fields")).ToContainTextAsync("10.255.0.11");
        await Expect(ui.TestId("host-event")).ToHaveCountAsync(1);
        await Expect(ui.TestId("host-event").First).ToContainTextAsync("host hv1 registered at 10.255.0.11");
    }

    [Fact]
    public async Task Tenant_SeesNoHostsEntry_AndThePageRefusesThem()
    {
        await using var server = await ConsoleServer.StartAsync();
        var key = await TestKeys.CreateAsync(server.Api.Http, new CreateApiKeyRequest("tenant"));
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.Page.GotoAsync(server.Url("/vips"));
        await ui.SignInAsync(key.Secret);
        await Expect(ui.TestId("vip-table")).ToBeVisibleAsync();
        await Expect(ui.Page.Locator(".mud-nav-link", new() { HasText = "VPCs" })).ToBeVisibleAsync();

        await Expect(ui.Page.Locator(".mud-nav-link", new() { HasText = "Hosts" })).ToHaveCountAsync(0);
        await ui.Page.GotoAsync(server.Url("/hosts"));
        await Expect(ui.TestId("empty-state")).ToContainTextAsync("Hosts are for administrators");
        await Expect(ui.TestId("hosts")).ToHaveCountAsync(0);
    }
}
