using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class KeepalivedTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Keepalived_ForBoundInstance_IsGuideStyleUnicastConfig()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var a = await _api.InstanceAsync(vpc.Id, subnet.Id, "10.0.240.14");
        var b = await _api.InstanceAsync(vpc.Id, subnet.Id, "10.0.240.15");
        var c = await _api.InstanceAsync(vpc.Id, subnet.Id, "10.0.240.16");
        var first = await _api.HaVipAsync(subnet, "10.0.240.204", [a.Id, b.Id, c.Id]);
        var second = await _api.HaVipAsync(subnet, "10.0.240.205", [a.Id]);

        var response = await _api.Http.GetAsync($"/v1/havips/{first.Id}/keepalived?instanceId={a.Id}");
        var text = await response.Content.ReadAsStringAsync();
        var other = await _api.Http.GetStringAsync($"/v1/havips/{second.Id}/keepalived?instanceId={a.Id}");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        text.Should().Contain("state BACKUP").And.Contain("nopreempt").And.Contain("priority 100")
            .And.Contain("interface eth0").And.Contain("unicast_src_ip 10.0.240.14")
            .And.Contain("auth_type PASS").And.Contain("10.0.240.204/24 dev eth0")
            .And.NotContain("virtual_routes");
        Between(text, "unicast_peer {", "}").Should().Contain("10.0.240.15").And.Contain("10.0.240.16").And.NotContain("10.0.240.14");
        Vrid(text).Should().NotBe(Vrid(other), "virtual_router_id is unique among the subnet's HAVIPs");
        AuthPass(text).Should().HaveLength(8).And.NotBe(AuthPass(other));
    }

    [Fact]
    public async Task Keepalived_ForExternalHaVip_AddsDefaultRouteViaGateway()
    {
        var vpc = await _api.VpcAsync();
        var external = await _api.SubnetAsync(vpc.Id, "192.168.177.0/24", NetworkType.External);
        var vm = await _api.InstanceAsync(vpc.Id, external.Id);
        var vip = await _api.HaVipAsync(external, "192.168.177.204", [vm.Id]);

        var text = await _api.Http.GetStringAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={vm.Id}");

        text.Should().Contain("virtual_routes {").And.Contain("0.0.0.0/0 via 192.168.177.1 dev eth0");
    }

    [Fact]
    public async Task Keepalived_ForUnboundInstance_IsNotFound()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(vpc.Id, subnet.Id);
        var vip = await _api.HaVipAsync(subnet);
        var problem = await ApiClient.ProblemAsync(await _api.Http.GetAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={vm.Id}"), HttpStatusCode.NotFound);
        problem.Code.Should().Be("NotFound");
        (await ApiClient.ProblemAsync(await _api.Http.GetAsync($"/v1/havips/{vip.Id}/keepalived"), HttpStatusCode.BadRequest)).Code.Should().Be("InvalidParameter");
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Vrid(string text) => Line(text, "virtual_router_id");

    private static string AuthPass(string text) => Line(text, "auth_pass");

    private static string Line(string text, string keyword) =>
        text.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(keyword + " ", StringComparison.Ordinal))[(keyword.Length + 1)..];
}
