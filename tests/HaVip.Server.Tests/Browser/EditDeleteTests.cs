using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EditDeleteTests(BrowserFixture browser)
{
    [Fact]
    public async Task Edit_RenamesFromTheList_AndRefusesAnEmptyName()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (_, subnet) = await server.Api.NetworkAsync();
        var vip = await server.Api.HaVipAsync(subnet, name: "old-name");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");

        await ui.Row(vip.Id).Locator("[data-testid='edit']").ClickAsync();
        var save = ui.TestId("save-edit");
        await Expect(save).ToBeDisabledAsync();
        await ui.DialogFocusedAsync();
        await ui.TypeAsync("edit-name", "");
        // Enabled by the server once it holds the emptied name: the click cannot outrun the typed
        // value, or land where the button was before that render.
        await Expect(save).ToBeEnabledAsync();
        await save.ClickAsync();
        await Expect(ui.TestId("edit-name")).ToContainTextAsync("name is required");
        await ui.TypeAsync("edit-name", "new-name");
        await ui.TypeAsync("edit-remark", "primary database");
        await save.ClickAsync();

        await Expect(ui.TestId("edit-dialog")).ToHaveCountAsync(0);
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-name']")).ToHaveTextAsync("new-name");
        await Expect(ui.Row(vip.Id)).ToContainTextAsync("primary database");
        var stored = await server.Api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}");
        stored.Name.Should().Be("new-name");
        stored.Remark.Should().Be("primary database");
    }

    [Fact]
    public async Task BatchDelete_NamesTheVips_DeletesTwo_RefusesTheCreatingOne()
    {
        await using var server = await ConsoleServer.StartAsync("--HaVip:ApplyDeadline=01:00:00");
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var hosted = await server.Api.SubnetAsync(vpc.Id, "10.0.241.0/24");
        // An instance on a host makes its subnet's HAVIPs wait for that host: they stay "creating".
        await server.Api.InstanceAsync(vpc.Id, hosted.Id, host: "hv-1", name: "hosted");
        var a = await server.Api.HaVipAsync(subnet, name: "first");
        var b = await server.Api.HaVipAsync(subnet, name: "second");
        var keep = await server.Api.HaVipAsync(subnet, name: "third");
        var creating = await server.Api.HaVipAsync(hosted, name: "pending");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");
        await Expect(ui.Row(creating.Id).Locator("[data-testid='status']")).ToHaveAttributeAsync("data-status", "creating");
        await Screenshots.SaveAsync(ui.Page, "list.png");

        await ui.SelectRowAsync(a.Id);
        await ui.SelectRowAsync(b.Id);
        await ui.SelectRowAsync(creating.Id);
        await Expect(ui.TestId("delete-selected")).ToContainTextAsync("(3)");
        await ui.TestId("delete-selected").ClickAsync();
        var rows = ui.TestId("delete-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(ui.TestId("delete-dialog")).ToContainTextAsync("first");
        await Expect(ui.TestId("delete-dialog")).ToContainTextAsync("second");
        await Expect(ui.TestId("delete-dialog")).ToContainTextAsync("pending");
        (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().HaveCount(4, "nothing is deleted before the confirmation");
        await ui.TestId("confirm-delete").ClickAsync();

        await Expect(ui.Page.Locator($"[data-testid='delete-row'][data-id='{a.Id}'] [data-testid='delete-result']")).ToHaveTextAsync("deleted");
        await Expect(ui.Page.Locator($"[data-testid='delete-row'][data-id='{b.Id}'] [data-testid='delete-result']")).ToHaveTextAsync("deleted");
        await Expect(ui.Page.Locator($"[data-testid='delete-row'][data-id='{creating.Id}'] [data-testid='delete-result']"))
            .ToContainTextAsync("refused: HAVIP '" + creating.Id + "' is creating");
        await ui.TestId("close-delete").ClickAsync();
        await Expect(ui.Row(a.Id)).ToHaveCountAsync(0);
        await Expect(ui.Row(b.Id)).ToHaveCountAsync(0);
        await Expect(ui.Row(keep.Id)).ToBeVisibleAsync();
        (await server.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Select(v => v.Id).Should().BeEquivalentTo([keep.Id, creating.Id]);
    }
}
