using HaVip.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DetailTests(BrowserFixture browser)
{
    [Fact]
    public async Task Detail_ShowsFieldsInstancesTimelineAndTheApisKeepalivedConf()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.NetworkAsync();
        var a = await server.Api.InstanceAsync(vpc.Id, subnet.Id, ip: "10.0.240.14", name: "havip-01");
        var b = await server.Api.InstanceAsync(vpc.Id, subnet.Id, ip: "10.0.240.15", name: "havip-02");
        var vip = await server.Api.HaVipAsync(subnet, ip: "10.0.240.204", instanceIds: [a.Id, b.Id], name: "web");
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);

        await ui.GotoAsync($"/vips/{vip.Id}", "vip-fields");
        var assets = await ui.Page.EvaluateAsync<string[]>("[...document.querySelectorAll('link[href],script[src]')].map(e => e.href || e.src)");
        assets.Should().NotBeEmpty().And.OnlyContain(url => url.StartsWith(server.BaseUrl.ToString(), StringComparison.Ordinal));
        await Expect(ui.TestId("field-ip")).ToHaveTextAsync("10.0.240.204/24");
        await Expect(ui.Page.Locator($"[data-testid='bound-instance'][data-id='{a.Id}']")).ToContainTextAsync("10.0.240.14");
        await Expect(ui.Page.Locator($"[data-testid='bound-instance'][data-id='{b.Id}']")).ToContainTextAsync("10.0.240.15");
        await Expect(ui.TestId("event").First).ToBeVisibleAsync();
        // The first tab is the first bound instance, the first row of the bound instances table.
        var first = await ui.TestId("bound-instance").First.GetAttributeAsync("data-id");
        var conf = await ui.TestId("keepalived-conf").First.TextContentAsync();
        var expected = await server.Api.Http.GetStringAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={first}");
        conf.Should().Be(expected);
        conf.Should().Contain($"unicast_src_ip {(first == a.Id ? "10.0.240.14" : "10.0.240.15")}").And.Contain("10.0.240.204/24");
        await Expect(ui.TestId("keepalived")).ToContainTextAsync("systemctl restart keepalived");
        await Screenshots.SaveAsync(ui.Page, "detail.png");

        // No reload: the page follows changes made elsewhere.
        (await server.Api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest("web-renamed"))).EnsureSuccessStatusCode();
        await Expect(ui.TestId("detail-name")).ToHaveTextAsync("web-renamed");
        browser.BlockedRequests.Should().BeEmpty("fonts, styles and scripts all come from the server itself");
    }

    [Fact]
    public async Task Detail_Ipv6HaVip_KeepalivedPanelNamesEachInstancesIpv6Address()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (vpc, subnet) = await server.Api.DualStackNetworkAsync();
        var a = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "havip-01");
        var b = await server.Api.InstanceAsync(vpc.Id, subnet.Id, name: "havip-02");
        var vip = await server.Api.ReadAsync<HaVipDto>(await server.Api.PostAsync("/v1/havips",
            new CreateHaVipRequest("web6", NetworkType.Internal, subnet.Id, InstanceIds: [a.Id, b.Id], IpVersion: IpVersion.Ipv6)), System.Net.HttpStatusCode.Created);
        var ui = new ConsoleUi(await browser.NewPageAsync(), server);

        await ui.GotoAsync($"/vips/{vip.Id}", "vip-fields");

        var first = await ui.TestId("bound-instance").First.GetAttributeAsync("data-id");
        var nic = (first == a.Id ? a : b).Nics[0];
        await Expect(ui.TestId("keepalived-on").First).ToContainTextAsync($"({nic.Ipv6Address}, eth0)");
        (await ui.TestId("keepalived-conf").First.TextContentAsync()).Should().Contain($"unicast_src_ip {nic.Ipv6Address}");
    }

    [Fact]
    public async Task List_RefreshesByItself_AndStaysUsableWhenNarrow()
    {
        await using var server = await ConsoleServer.StartAsync();
        var (_, subnet) = await server.Api.NetworkAsync();
        var vip = await server.Api.HaVipAsync(subnet, name: "before");
        var ui = new ConsoleUi(await browser.NewPageAsync(width: 400, height: 800), server);
        await ui.GotoAsync("/", "vip-row");

        await server.Api.HaVipAsync(subnet, name: "appeared");
        (await server.Api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest("after"))).EnsureSuccessStatusCode();
        await Expect(ui.Row(vip.Id).Locator("[data-testid='vip-name']")).ToHaveTextAsync("after");
        await Expect(ui.RowByName("appeared")).ToBeVisibleAsync();

        await Expect(ui.TestId("create")).ToBeInViewportAsync();
        var width = await ui.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.Should().BeLessThanOrEqualTo(400, "the narrow page needs no horizontal scrolling");
        await ui.TestId("create").ClickAsync();
        await Expect(ui.TestId("confirm-create")).ToBeInViewportAsync();
    }
}
