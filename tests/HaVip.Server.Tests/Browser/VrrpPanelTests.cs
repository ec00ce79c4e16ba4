using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Agents;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// What the platform saw of a HAVIP's VRRP, in the console (issue 17): the detail page's VRRP
/// panel follows a failover without a reload, and the list marks a HAVIP's open findings. The
/// adverts and claims come from each host's own agent key, as the agents send them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VrrpPanelTests(BrowserFixture browser)
{
    [Fact]
    public async Task Detail_VrrpPanelShowsTheMasterChangeAfterAFailover_WithoutAReload()
    {
        // Hosts never go stale within the test: a loaded machine drives the browser slowly.
        await using var server = await ConsoleServer.StartAsync("--HaVip:HostStaleAfter", "01:00:00");
        var (vip, a, b, agents) = await PairAsync(server);
        var vrid = await AgentWorld.VridAsync(server.Api, vip.Id, a.Id);
        await ReportAsync(agents["hv1"], AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));
        var sinceAdvert = System.Diagnostics.Stopwatch.StartNew();
        await ClaimAsync(agents["hv1"], vip.Id, a.Id);

        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync($"/vips/{vip.Id}", "vrrp-panel");
        var rowA = VrrpRow(ui, a.Id);
        var rowB = VrrpRow(ui, b.Id);
        await Expect(rowA).ToHaveAttributeAsync("data-advertising", "true");
        await Expect(rowA).ToHaveAttributeAsync("data-holder", "true");
        await Expect(rowA.Locator("[data-testid='vrrp-priority']")).ToHaveTextAsync("150");
        await Expect(rowA.Locator("[data-testid='vrrp-interval']")).ToHaveTextAsync("1 s");
        await Expect(rowA.Locator("[data-testid='vrrp-vrid']")).ToHaveTextAsync(vrid.ToString(CultureInfo.InvariantCulture));
        await Expect(rowA.Locator("[data-testid='vrrp-version']")).ToHaveTextAsync("v2");
        await Expect(rowB).ToHaveAttributeAsync("data-advertising", "false");
        await Expect(rowB.Locator("[data-testid='vrrp-state']")).ToHaveTextAsync("never seen");
        await Expect(ui.TestId("vrrp-panel").Locator("[data-testid='health']")).ToHaveAttributeAsync("data-health", "ok");
        // A reload would lose this mark: it proves the page changed in place.
        await ui.Page.EvaluateAsync("window.__sameDocument = true");

        // Failover: a's VRRP dies (its agent reports it silent), b takes over and claims the VIP.
        // A real agent reports the stop 3.414 s (Master_Down_Interval at priority 150) after a's last
        // advert, never before its first: an age reaching back before the advert reported above
        // would make the server take the stop for an older report and ignore it (as a fast CI run did).
        var age = Math.Min(3414, (long)sinceAdvert.Elapsed.TotalMilliseconds);
        await ReportAsync(agents["hv1"], AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false, AgeMilliseconds = age });
        await ReportAsync(agents["hv2"], AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress));
        await ClaimAsync(agents["hv2"], vip.Id, b.Id);

        await Expect(rowB).ToHaveAttributeAsync("data-holder", "true");
        await Expect(rowB).ToHaveAttributeAsync("data-advertising", "true");
        await Expect(rowB.Locator("[data-testid='vrrp-priority']")).ToHaveTextAsync("100");
        await Expect(rowA).ToHaveAttributeAsync("data-holder", "false");
        await Expect(rowA).ToHaveAttributeAsync("data-advertising", "false");
        await Expect(rowA.Locator("[data-testid='vrrp-state']")).ToHaveTextAsync("silent");
        (await ui.Page.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the panel changed without a reload");
    }

    [Fact]
    public async Task List_MarksAFinding_AndTheDetailSaysWhatToDo()
    {
        await using var server = await ConsoleServer.StartAsync("--HaVip:HostStaleAfter", "01:00:00");
        var (vip, a, b, agents) = await PairAsync(server);
        var subnet = await server.Api.GetAsync<SubnetDto>($"/v1/subnets/{vip.SubnetId}");
        var quiet = await server.Api.HaVipAsync(subnet, name: "unbound");
        var vrid = await AgentWorld.VridAsync(server.Api, vip.Id, a.Id);
        await ReportAsync(agents["hv1"], AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);
        await ui.GotoAsync("/vips", "vip-row");
        await Expect(ui.Row(quiet.Id).Locator("[data-testid='health']")).ToHaveAttributeAsync("data-health", "ok");

        // b advertises another interval than the generated keepalived.conf's advert_int 1.
        await ReportAsync(agents["hv2"], AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress) with { AdvertIntervalMilliseconds = 2000, MasterDownIntervalMicroseconds = 6_781_250 });

        var mark = ui.Row(vip.Id).Locator("[data-testid='health']");
        // Both advertise, so SplitBrain follows 1.5 s later (interval + margin). Hover only once the
        // mark stopped changing: a re-rendered row takes its tooltip away.
        await Expect(mark).ToHaveAttributeAsync("data-health", "split-brain config-mismatch");
        await Expect(mark).ToHaveClassAsync(new Regex("havip-health-finding"));
        await mark.HoverAsync();
        await Expect(ui.Page.Locator(".mud-tooltip")).ToContainTextAsync("ConfigMismatch");
        await Expect(ui.Row(quiet.Id).Locator("[data-testid='health']")).ToHaveAttributeAsync("data-health", "ok");

        await ui.Row(vip.Id).Locator("[data-testid='vip-name']").ClickAsync();
        var finding = ui.Page.Locator("[data-testid='finding'][data-code='ConfigMismatch']");
        await Expect(finding).ToContainTextAsync($"advertInterval: {b.Id} 2000 ms, generated keepalived.conf 1000 ms");
        await Expect(finding.Locator("[data-testid='finding-advice']")).ToContainTextAsync("generated");
    }

    private static Microsoft.Playwright.ILocator VrrpRow(ConsoleUi ui, string instanceId) =>
        ui.Page.Locator($"[data-testid='vrrp-row'][data-id='{instanceId}']");

    /// <summary>Hosts hv1 and hv2 registered with their own agent keys, instance a on hv1 and b on hv2, both bound to one HAVIP.</summary>
    private static async Task<(HaVipDto Vip, InstanceDto A, InstanceDto B, Dictionary<string, ApiClient> Agents)> PairAsync(ConsoleServer server)
    {
        var agents = new Dictionary<string, ApiClient>();
        foreach (var (host, underlay) in new[] { ("hv1", "10.255.0.11"), ("hv2", "10.255.0.12") })
        {
            agents[host] = new ApiClient(new HttpClient { BaseAddress = server.BaseUrl }.WithKey(await TestKeys.AgentKeyAsync(server.Api.Http, host)));
            (await agents[host].PutAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest(underlay))).EnsureSuccessStatusCode();
        }
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var a = await server.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await server.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv2", name: "b");
        var vip = await server.Api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id], name: "pair");
        return (vip, a, b, agents);
    }

    private static async Task ReportAsync(ApiClient agent, VrrpReport report)
    {
        var response = await agent.PostAsync("/agent/v1/vrrp-adverts", report);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private static async Task ClaimAsync(ApiClient agent, string vipId, string instanceId)
    {
        var response = await agent.PostAsync("/agent/v1/holders", new HolderReport(vipId, instanceId, DateTime.UtcNow, 0));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}
