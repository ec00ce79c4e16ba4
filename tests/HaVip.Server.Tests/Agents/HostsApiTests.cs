using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>GET /v1/hosts and /v1/hosts/{name}: the fleet with states derived on the server's clock, for admins only.</summary>
public sealed class HostsApiTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HostsApiTests()
    {
        _app = new HaVipApp { Time = _time };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task List_ShowsReadyStaleAndUnknown_FiltersByStateAndPages()
    {
        await FleetAsync();

        var all = await _world.Api.GetAsync<Page<HostDto>>("/v1/hosts");
        all.Items.Select(h => (h.Name, h.State)).Should().Equal(("hv1", HostState.Stale), ("hv2", HostState.Ready), ("hv3", HostState.Unknown));
        all.Items[0].StaleSince.Should().Be(all.Items[0].LastSeen + TimeSpan.FromSeconds(15));
        all.Items[2].Should().BeEquivalentTo(new { UnderlayIp = (string?)null, LastSeen = (DateTime?)null, Instances = 1 });
        (await _world.Api.GetAsync<Page<HostDto>>("/v1/hosts?state=stale")).Items.Select(h => h.Name).Should().Equal("hv1");
        (await _world.Api.GetAsync<Page<HostDto>>("/v1/hosts?state=unknown")).Items.Select(h => h.Name).Should().Equal("hv3");
        var first = await _world.Api.GetAsync<Page<HostDto>>("/v1/hosts?pageSize=2");
        first.Items.Select(h => h.Name).Should().Equal("hv1", "hv2");
        (await _world.Api.GetAsync<Page<HostDto>>($"/v1/hosts?pageSize=2&pageToken={first.NextPageToken}")).Items.Select(h => h.Name).Should().Equal("hv3");
    }

    [Fact]
    public async Task Get_ShowsTheHistory_AndUnknownNamesAre404HostNotFound()
    {
        await FleetAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.DesiredAsync("hv1");

        var host = await _world.Api.GetAsync<HostDto>("/v1/hosts/hv1");

        host.State.Should().Be(HostState.Ready);
        host.UnderlayIp.Should().Be("10.255.0.11");
        host.Events!.Select(e => e.Kind).Should().Equal("registered", "stale", "back");
        (await _world.Api.GetAsync<HostDto>("/v1/hosts/hv3")).Should().BeEquivalentTo(new { State = HostState.Unknown, Events = Array.Empty<HostEventDto>() });
        (await ApiClient.ProblemAsync(await _world.Api.Http.GetAsync("/v1/hosts/nowhere"), HttpStatusCode.NotFound)).Code.Should().Be("HostNotFound");
        (await ApiClient.ProblemAsync(await _world.Api.Http.GetAsync("/v1/hosts?state=1"), HttpStatusCode.BadRequest)).Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task TenantKey_Is403Forbidden()
    {
        var tenant = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("tenant"))).Secret);

        (await ApiClient.ProblemAsync(await tenant.Http.GetAsync("/v1/hosts"), HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await ApiClient.ProblemAsync(await tenant.Http.GetAsync("/v1/hosts/hv1"), HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
    }

    [Fact]
    public async Task Metrics_CountHostsByState()
    {
        await FleetAsync();

        var text = await _world.Api.Http.GetStringAsync("/metrics");

        text.Should().Contain("havip_hosts{state=\"ready\"} 1").And.Contain("havip_hosts{state=\"stale\"} 1").And.Contain("havip_hosts{state=\"unknown\"} 1");
    }

    /// <summary>hv1 registered and then silent for 16 s (stale, noted), hv2 registered and in contact, hv3 named by an instance only.</summary>
    private async Task FleetAsync()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        await _world.RegisterAsync("hv2", "10.255.0.12");
        var (vpc, subnet) = await _world.Api.NetworkAsync();
        await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv3");
        _time.Advance(TimeSpan.FromSeconds(16));
        await _world.DesiredAsync("hv2");
        await _app.ScopedAsync(sp => sp.GetRequiredService<HostLivenessWriter>().NoteStaleAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None));
    }
}
