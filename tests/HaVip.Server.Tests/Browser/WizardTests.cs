using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WizardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Wizard_RefusesIpOutsideSubnetNextToField_ThenCreatesWithInstances()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var a = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "web-a");
        var b = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "web-b");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);

        await ui.GotoAsync("/", "empty-state");
        await ui.TestId("create").ClickAsync();
        await Expect(ui.TestId("vip-name")).ToBeVisibleAsync();
        await ui.TypeAsync("vip-name", "web-vip");
        await ui.TypeAsync("vip-ip", "10.0.241.5");
        await Expect(ui.TestId("vip-ip")).ToContainTextAsync("is not inside subnet");
        await ui.TestId("confirm-create").ClickAsync();
        await Expect(ui.TestId("vip-ip")).ToContainTextAsync($"10.0.241.5 is not inside subnet {subnet.Id}");
        (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().BeEmpty("the refused create stored nothing");

        await ui.TestId("suggest-ip").ClickAsync();
        await Expect(ui.TestId("vip-ip").Locator("input")).ToHaveValueAsync("10.0.240.4");
        await Expect(ui.TestId("vip-ip")).ToContainTextAsync("10.0.240.4 is free");
        await ui.ToggleAsync(a.Id);
        await ui.ToggleAsync(b.Id);
        await Screenshots.SaveAsync(ui.Page, "wizard.png");
        await ui.TestId("confirm-create").ClickAsync();

        await Expect(ui.TestId("create-dialog")).ToHaveCountAsync(0);
        var vip = (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().ContainSingle().Subject;
        vip.Name.Should().Be("web-vip");
        vip.IpAddress.Should().Be("10.0.240.4");
        vip.InstanceIds.Should().BeEquivalentTo([a.Id, b.Id]);
        var row = ui.Row(vip.Id);
        await Expect(row.Locator("[data-testid='vip-ip']")).ToHaveTextAsync("10.0.240.4");
        await Expect(row.Locator("[data-testid='status']")).ToHaveAttributeAsync("data-status", "available");
        await Expect(row.Locator("[data-testid='vip-instances']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(web-a, web-b|web-b, web-a)$"));
        await Screenshots.SaveAsync(ui.Page, "list.png");
    }
}
