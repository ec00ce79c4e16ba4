using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// The subnets page's "Add IPv6 prefix" on an IPv4-only subnet (PATCH ipv6Cidr): a refused prefix
/// shows its error by the field and changes nothing; an accepted one makes the subnet dual-stack
/// and the NIC already in it shows both families on the instances page, in the create wizard's
/// instance choice and among a HAVIP's bound instances.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Ipv6SubnetTests(BrowserFixture browser)
{
    [Fact]
    public async Task SubnetsPage_AddIpv6Prefix_MakesTheSubnetDualStack_AndItsNicShowsBothFamilies()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var vm = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "old-vm");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/inventory/subnets", "subnets");
        var row = ui.Page.Locator("tr.mud-table-row", new() { Has = ui.Page.Locator($"[data-testid='subnet-row'][data-id='{subnet.Id}']") });

        await row.Locator("[data-testid='add-ipv6']").ClickAsync();
        var confirm = row.Locator("[data-testid='confirm-dual-stack']");
        // Enabled by the server once it holds a prefix: a click can no longer run before the typed
        // value reached the circuit, or land where the button was before that render moved it.
        await Expect(confirm).ToBeDisabledAsync();
        await ui.TypeAsync("dual-stack-prefix", "fd00:10:7::/48");
        await confirm.ClickAsync();
        await Expect(ui.TestId("dual-stack-prefix")).ToContainTextAsync("must be a /64 (got /48)");
        (await server.Api.GetAsync<SubnetDto>($"/v1/subnets/{subnet.Id}")).Ipv6Cidr.Should().BeNull("a refused prefix changes nothing");

        await ui.TypeAsync("dual-stack-prefix", "fd00:10:7::/64");
        await confirm.ClickAsync();
        await Expect(row.Locator("[data-testid='subnet-ipv6']")).ToHaveTextAsync("fd00:10:7::/64");
        await Expect(ui.TestId("dual-stack-done")).ToContainTextAsync("is dual-stack with fd00:10:7::/64");
        await Expect(row.Locator("[data-testid='add-ipv6']")).ToHaveCountAsync(0);
        (await server.Api.GetAsync<InstanceDto>($"/v1/instances/{vm.Id}")).Nics[0].Ipv6Address.Should().Be("fd00:10:7::2");

        await ui.Page.Locator(".mud-nav-link", new() { HasText = "Instances" }).ClickAsync();
        await Expect(ui.TestId("instances")).ToContainTextAsync($"eth0 {vm.Nics[0].IpAddress} fd00:10:7::2 (subnet)");

        await ui.GotoAsync("/", "empty-state");
        await ui.TestId("create").ClickAsync();
        await Expect(ui.Choice(vm.Id)).ToContainTextAsync($"old-vm ({vm.Nics[0].IpAddress}, fd00:10:7::2 on eth0)");
        var vip = await server.Api.HaVipAsync(await server.Api.GetAsync<SubnetDto>($"/v1/subnets/{subnet.Id}"), ip: "fd00:10:7::10", instanceIds: [vm.Id]);
        await ui.GotoAsync($"/vips/{vip.Id}", "bound-instances");
        await Expect(ui.TestId("bound-nic-ip")).ToHaveTextAsync($"{vm.Nics[0].IpAddress}, fd00:10:7::2");
    }
}
