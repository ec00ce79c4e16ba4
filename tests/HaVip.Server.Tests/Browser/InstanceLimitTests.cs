using System.Net;
using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InstanceLimitTests(BrowserFixture browser)
{
    [Fact]
    public async Task Instances_BindUpToThree_FourthRefused_UnbindFreesASlot()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var vms = new List<InstanceDto>();
        for (var i = 0; i < 4; i++)
        {
            vms.Add(await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: $"vm-{i}"));
        }
        var vip = await server.Api.HaVipAsync(subnet, instanceIds: [vms[0].Id], name: "db");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");

        await ui.Row(vip.Id).Locator("[data-testid='instances']").ClickAsync();
        await Expect(ui.Choice(vms[3].Id)).ToBeVisibleAsync();
        await ui.ToggleAsync(vms[1].Id);
        await ui.ToggleAsync(vms[2].Id);
        await Expect(ui.Choice(vms[3].Id)).ToHaveAttributeAsync("data-disabled", "true");
        await Expect(ui.Choice(vms[3].Id).Locator("input[type=checkbox]")).ToBeDisabledAsync();
        await Expect(ui.Choice(vms[3].Id)).ToContainTextAsync("a HAVIP has at most 3 instances");
        await ui.TestId("save-instances").ClickAsync();
        await Expect(ui.TestId("instances-dialog")).ToHaveCountAsync(0);
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-instances']")).ToContainTextAsync("vm-2");
        (await server.Api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().BeEquivalentTo([vms[0].Id, vms[1].Id, vms[2].Id]);
        var fourth = await server.Api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vms[3].Id));
        (await ApiClient.ProblemAsync(fourth, HttpStatusCode.BadRequest)).Code.Should().Be("TooManyInstances");

        await ui.Row(vip.Id).Locator("[data-testid='instances']").ClickAsync();
        await ui.ToggleAsync(vms[0].Id);
        await ui.ToggleAsync(vms[3].Id);
        await ui.TestId("save-instances").ClickAsync();
        await Expect(ui.TestId("instances-dialog")).ToHaveCountAsync(0);
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-instances']")).Not.ToContainTextAsync("vm-0");
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-instances']")).ToContainTextAsync("vm-3");
        (await server.Api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().BeEquivalentTo([vms[1].Id, vms[2].Id, vms[3].Id]);
    }

    [Fact]
    public async Task Wizard_SixthHaVipOnOneInstance_IsRefusedNextToInstances_ThenOffered()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var busy = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "busy");
        for (var i = 0; i < 4; i++)
        {
            await server.Api.HaVipAsync(subnet, instanceIds: [busy.Id], name: $"vip-{i}");
        }
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");

        await ui.TestId("create").ClickAsync();
        await Expect(ui.Choice(busy.Id)).ToContainTextAsync("4 of 5 HAVIPs");
        await Expect(ui.Choice(busy.Id)).ToHaveAttributeAsync("data-disabled", "false");
        // Another operator takes the last slot while this wizard is open.
        await server.Api.HaVipAsync(subnet, instanceIds: [busy.Id], name: "vip-4");
        await ui.TypeAsync("vip-name", "sixth");
        await ui.ToggleAsync(busy.Id);
        await ui.TestId("confirm-create").ClickAsync();
        await Expect(ui.TestId("instances-error")).ToContainTextAsync($"instance {busy.Id} is already bound to 5 HAVIPs");
        await Expect(ui.Choice(busy.Id)).ToContainTextAsync("5 of 5 HAVIPs");
        var all = await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips?pageSize=100");
        all.Items.Should().HaveCount(5).And.NotContain(v => v.Name == "sixth");

        await ui.TestId("cancel-create").ClickAsync();
        await ui.TestId("create").ClickAsync();
        await Expect(ui.Choice(busy.Id)).ToHaveAttributeAsync("data-disabled", "true");
        await Expect(ui.Choice(busy.Id)).ToContainTextAsync("holds 5 HAVIPs, the most an instance can");
        await Expect(ui.Choice(busy.Id).Locator("input[type=checkbox]")).ToBeDisabledAsync();
    }
}
