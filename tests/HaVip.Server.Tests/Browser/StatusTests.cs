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
    [Fact]
    public async Task List_RefreshesInPlace_NoRowMovesUnderThePointer()
    {
        // The list refreshes itself every 2 s. MudTable keys its rows by item, and rows compared
        // by value: a row whose status, health or name changed was removed and a new one inserted,
        // so a click in flight on its button was lost (the fresh-clone CI run's Instances dialog
        // that never opened). Rows must be updated in place, and no row may move.
        await using var server = await ConsoleServer.StartAsync();
        var (_, subnet) = await server.Api.NetworkAsync();
        var first = await server.Api.HaVipAsync(subnet, name: "first");
        var second = await server.Api.HaVipAsync(subnet, name: "second");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");
        await Expect(ui.Row(second.Id)).ToBeVisibleAsync();
        var watch = $$"""
            () => {
              const top = () => {
                const mark = document.querySelector("[data-testid='vip-row'][data-id='{{second.Id}}']");
                return mark ? Math.round(mark.closest('tr').getBoundingClientRect().top) : null;
              };
              window.havipTops = [top()];
              // Blazor keeps a row's elements only while the table's key for it stays the same.
              document.querySelector("[data-testid='vip-row'][data-id='{{first.Id}}']").closest('tr').havipTagged = true;
              new MutationObserver(() => window.havipTops.push(top()))
                .observe(document.querySelector('tbody.mud-table-body'), { childList: true, characterData: true, subtree: true });
            }
            """;
        await ui.Page.EvaluateAsync(watch);

        (await server.Api.PatchAsync($"/v1/havips/{first.Id}", new UpdateHaVipRequest("first-renamed"))).EnsureSuccessStatusCode();
        await Expect(ui.Row(first.Id).Locator("[data-testid='vip-name']")).ToHaveTextAsync("first-renamed");

        var tops = await ui.Page.EvaluateAsync<double?[]>("() => window.havipTops");
        var kept = await ui.Page.EvaluateAsync<bool>($$"""() => document.querySelector("[data-testid='vip-row'][data-id='{{first.Id}}']").closest('tr').havipTagged === true""");
        kept.Should().BeTrue("the renamed row is updated in place, not replaced under a click in flight");
        tops.Should().HaveCountGreaterThan(1, "the refresh changed the table under the observer");
        tops.Should().AllBeEquivalentTo(tops[0], "the second row stays where the pointer aims while the list refreshes (tops seen: {0})", string.Join(", ", tops));
    }
}
