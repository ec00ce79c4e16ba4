using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>DELETE /v1/hosts/{name}: removing a drained host (runbook "drain and remove a host"), refused while instances are placed on it.</summary>
public sealed class HostRemovalTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public HostRemovalTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Delete_WhileInstancesArePlacedOnIt_IsRefused_AndChangesNothing()
    {
        var (_, a, _, _) = await _world.TwoHostsAsync();

        var problem = await ApiClient.ProblemAsync(await _world.Api.Http.DeleteAsync("/v1/hosts/hv1"), HttpStatusCode.Conflict);

        problem.Code.Should().Be("InUse");
        problem.Detail.Should().Contain(a.Id);
        var host = await _world.Api.GetAsync<HostDto>("/v1/hosts/hv1");
        host.UnderlayIp.Should().Be("10.255.0.11");
        host.Events!.Should().ContainSingle();
    }

    [Fact]
    public async Task Delete_ADrainedHost_RemovesItAndItsHistory_ItsAgentIsToldToRegisterAgain()
    {
        var (_, a, _, _) = await _world.TwoHostsAsync();
        (await _world.Api.PatchAsync($"/v1/instances/{a.Id}", new UpdateInstanceRequest(Host: "hv2"))).EnsureSuccessStatusCode();
        await _world.DesiredAsync("hv1");

        (await _world.Api.Http.DeleteAsync("/v1/hosts/hv1")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await ApiClient.ProblemAsync(await _world.Api.Http.GetAsync("/v1/hosts/hv1"), HttpStatusCode.NotFound)).Code.Should().Be("HostNotFound");
        (await _world.Api.GetAsync<Page<HostDto>>("/v1/hosts")).Items.Select(h => h.Name).Should().Equal("hv2");
        var agent = await _world.AgentAsync("hv1");
        (await agent.Http.GetAsync("/agent/v1/hosts/hv1/desired-state")).StatusCode.Should().Be(HttpStatusCode.NotFound, "this replica forgot the host it knew");
        (await ApiClient.ProblemAsync(await _world.Api.Http.DeleteAsync("/v1/hosts/hv1"), HttpStatusCode.NotFound)).Code.Should().Be("HostNotFound");

        await _world.RegisterAsync("hv1", "10.255.0.11");
        (await _world.Api.GetAsync<HostDto>("/v1/hosts/hv1")).Events!.Select(e => e.Kind).Should().Equal("registered");
    }

    [Fact]
    public async Task Delete_WithATenantKey_IsForbidden()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var tenant = _app.ApiWithKey((await TestKeys.CreateAsync(_app.CreateClient().WithKey(), new CreateApiKeyRequest("tenant"))).Secret);

        (await ApiClient.ProblemAsync(await tenant.Http.DeleteAsync("/v1/hosts/hv1"), HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await _world.Api.GetAsync<HostDto>("/v1/hosts/hv1")).Name.Should().Be("hv1");
    }
}
