using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InventoryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Inventory_SetsUpEverythingAVipNeeds_WithoutTheApi()
    {
        await using var server = await ConsoleServer.StartAsync();
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "empty-state");
        await Expect(ui.TestId("empty-state")).ToContainTextAsync("No HAVIPs yet");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "VPCs" }).ClickAsync();
        await Expect(ui.TestId("empty-state")).ToContainTextAsync("No VPCs yet");
        await ui.TypeAsync("vpc-name", "prod");
        await ui.TypeAsync("vpc-cidr", "10.1.0.1/16");
        await ui.TestId("create-vpc").ClickAsync();
        await Expect(ui.TestId("vpc-cidr")).ToContainTextAsync("did you mean 10.1.0.0/16");
        await ui.TypeAsync("vpc-cidr", "10.1.0.0/16");
        await ui.TestId("create-vpc").ClickAsync();
        await Expect(ui.TestId("vpcs")).ToContainTextAsync("10.1.0.0/16");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "Subnets" }).ClickAsync();
        await ui.TypeAsync("subnet-name", "app");
        await ui.TypeAsync("subnet-cidr", "10.1.5.0/24");
        await ui.TestId("create-subnet").ClickAsync();
        await Expect(ui.TestId("subnets")).ToContainTextAsync("10.1.5.1");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "Instances" }).ClickAsync();
        foreach (var name in new[] { "vm-a", "vm-b" })
        {
            await ui.TypeAsync("instance-name", name);
            await ui.Page.Locator(".mud-checkbox", new() { HasText = "app (10.1.5.0/24)" }).Locator("input").CheckAsync();
            await ui.TestId("create-instance").ClickAsync();
            await Expect(ui.TestId("instances")).ToContainTextAsync(name);
        }
        await Expect(ui.TestId("instances")).ToContainTextAsync("eth0 10.1.5.3 (app)");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "High-availability VIPs" }).ClickAsync();
        await ui.TestId("create").ClickAsync();
        await ui.TypeAsync("vip-name", "prod-vip");
        var instances = (await server.Api.GetAsync<Page<InstanceDto>>("/v1/instances")).Items;
        instances.Should().HaveCount(2);
        foreach (var instance in instances)
        {
            await ui.ToggleAsync(instance.Id);
        }
        await ui.TestId("confirm-create").ClickAsync();
        await Expect(ui.RowByName("prod-vip")).ToBeVisibleAsync();
        var vip = (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().ContainSingle().Subject;
        vip.IpAddress.Should().Be("10.1.5.4");
        vip.InstanceIds.Should().BeEquivalentTo(instances.Select(i => i.Id));
    }
}
