using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>The create form's IP version: IPv6 in a dual-stack subnet, the lowest free IPv6 address suggested, the list showing it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Ipv6WizardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Wizard_Ipv6InDualStackSubnet_SuggestsAndCreatesAnIpv6HaVip()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.DualStackNetworkAsync();
        var a = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "web-a");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);

        await ui.GotoAsync("/", "empty-state");
        await ui.TestId("create").ClickAsync();
        await Expect(ui.TestId("vip-name")).ToBeVisibleAsync();
        await ui.TypeAsync("vip-name", "web6");
        await ui.TestId("family-ipv6").ClickAsync();
        await Expect(ui.TestId("vip-ip")).ToContainTextAsync("lowest free IPv6 address");
        await ui.TestId("suggest-ip").ClickAsync();
        await Expect(ui.TestId("vip-ip").Locator("input")).ToHaveValueAsync("fd00:10:1::3");
        await Expect(ui.TestId("vip-ip")).ToContainTextAsync("fd00:10:1::3 is free in fd00:10:1::/64");
        await ui.ToggleAsync(a.Id);
        await ui.TestId("confirm-create").ClickAsync();

        await Expect(ui.TestId("create-dialog")).ToHaveCountAsync(0);
        var vip = (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().ContainSingle().Subject;
        vip.IpVersion.Should().Be(IpVersion.Ipv6);
        vip.IpAddress.Should().Be("fd00:10:1::3");
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-ip']")).ToHaveTextAsync("fd00:10:1::3");
    }
}
