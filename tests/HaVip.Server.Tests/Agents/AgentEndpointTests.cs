using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>The agent API: registration, desired state with long-poll, acks, holders, spoof reports.</summary>
public sealed class AgentEndpointTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly ApiClient _api;
    private readonly AgentWorld _world;

    public AgentEndpointTests()
    {
        _world = new AgentWorld(_app);
        _api = _world.Api;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task DesiredState_UnregisteredHost_Is404()
    {
        var response = await (await AgentAsync("nobody")).Http.GetAsync("/agent/v1/hosts/nobody/desired-state");
        (await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("NotFound");
    }

    [Fact]
    public async Task Register_BadUnderlay_Is400()
    {
        var response = await (await AgentAsync("hv1")).PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("nope"));
        (await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task DesiredState_TwoHosts_HasPortsAllowedSetsAndTunnels()
    {
        var (vip, a, b, subnet) = await TwoHostsAsync();

        var state = await DesiredAsync("hv1");

        state.Subnets.Should().ContainSingle().Which.Should().BeEquivalentTo(new { subnet.Id, subnet.Cidr, RemoteUnderlayIps = new[] { "10.255.0.12" } });
        var port = state.Ports.Should().ContainSingle().Subject;
        port.InstanceId.Should().Be(a.Id);
        port.PortName.Should().Be(PortNames.HostSide(a.Id, "eth0"));
        port.MacAddress.Should().Be(a.Nics[0].MacAddress);
        port.AllowedIps.Should().Equal(a.Nics[0].IpAddress, vip.IpAddress);
        state.HaVips.Should().ContainSingle().Which.InstanceIds.Should().BeEquivalentTo([a.Id, b.Id]);
    }

    [Fact]
    public async Task Applied_ByBothHosts_MakesAvailable()
    {
        var (vip, _, _, _) = await TwoHostsAsync();
        var s1 = await DesiredAsync("hv1");
        await AckAsync("hv1", s1.Sequence);
        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating);

        await AckAsync("hv2", (await DesiredAsync("hv2")).Sequence);

        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task Applied_WithError_FailsWithReason_ThenFixed_Available()
    {
        var (vip, _, _, _) = await TwoHostsAsync();
        var sequence = (await DesiredAsync("hv1")).Sequence;
        await AckAsync("hv2", sequence);
        await AckAsync("hv1", sequence, new Dictionary<string, string> { [vip.Id] = "port tx does not exist" });

        var failed = await GetVipAsync(vip.Id);
        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Contain("port tx does not exist");

        await AckAsync("hv1", sequence);
        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task LongPoll_WakesOnChange()
    {
        var (vip, a, _, _) = await TwoHostsAsync();
        var current = (await DesiredAsync("hv1")).Sequence;
        var watch = Stopwatch.StartNew();
        var poll = (await AgentAsync("hv1")).Http.GetFromJsonAsync<DesiredStateDto>($"/agent/v1/hosts/hv1/desired-state?after={current}&wait=20", ApiClient.Json);
        await Task.Delay(200);
        poll.IsCompleted.Should().BeFalse();

        (await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{a.Id}")).EnsureSuccessStatusCode();

        var state = await poll;
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        state!.Sequence.Should().BeGreaterThan(current);
        state.Ports.Single().AllowedIps.Should().Equal(a.Nics[0].IpAddress);
    }

    [Fact]
    public async Task LongPoll_NoChange_AnswersAfterWait()
    {
        await TwoHostsAsync();
        var current = (await DesiredAsync("hv1")).Sequence;
        var state = await (await AgentAsync("hv1")).Http.GetFromJsonAsync<DesiredStateDto>($"/agent/v1/hosts/hv1/desired-state?after={current}&wait=0.3", ApiClient.Json);
        state!.Sequence.Should().Be(current);
    }

    [Fact]
    public async Task InstanceMove_BumpsSequence_AndMovesPort()
    {
        var (_, a, _, _) = await TwoHostsAsync();
        var before = (await DesiredAsync("hv1")).Sequence;

        (await _api.PatchAsync($"/v1/instances/{a.Id}", new UpdateInstanceRequest(Host: "hv2"))).EnsureSuccessStatusCode();

        var after = await DesiredAsync("hv1");
        after.Sequence.Should().BeGreaterThan(before);
        after.Ports.Should().BeEmpty();
        (await DesiredAsync("hv2")).Ports.Should().HaveCount(2);
    }

    [Fact]
    public async Task Holder_BoundInstance_BecomesMaster_Idempotently()
    {
        var (vip, _, b, _) = await TwoHostsAsync();
        var seen = DateTime.UtcNow;
        for (var i = 0; i < 2; i++)
        {
            (await (await AgentAsync("hv2")).PostAsync("/agent/v1/holders", new HolderReport(vip.Id, b.Id, seen))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id);
        var events = await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events");
        events.Where(e => e.Kind == "master").Should().ContainSingle();
    }

    [Fact]
    public async Task Spoof_RecordsEvent()
    {
        var (vip, _, _, subnet) = await TwoHostsAsync();
        var intruder = await _api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "intruder");
        (await (await AgentAsync("hv1")).PostAsync("/agent/v1/spoof-attempts", new SpoofReport(vip.Id, intruder.Id, "02:00:00:00:00:09", DateTime.UtcNow, 3)))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var events = await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events");
        events.Should().Contain(e => e.Kind == "spoofAttempt" && e.InstanceId == intruder.Id);
    }

    [Fact]
    public async Task AgentKey_OtherHostsState_Is403()
    {
        await TwoHostsAsync();

        var response = await (await AgentAsync("hv1")).Http.GetAsync("/agent/v1/hosts/hv2/desired-state");

        (await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
    }

    [Fact]
    public async Task AgentKey_HolderForInstanceOnOtherHost_Is403_AndChangesNothing()
    {
        var (vip, _, b, _) = await TwoHostsAsync();

        var response = await (await AgentAsync("hv1")).PostAsync("/agent/v1/holders", new HolderReport(vip.Id, b.Id, DateTime.UtcNow));

        (await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await GetVipAsync(vip.Id)).MasterInstanceId.Should().BeNull();
    }

    [Fact]
    public async Task TenantKey_OnAgentApi_Is403_AndAgentKey_OnTenantApi_Is403()
    {
        var asTenant = await _api.Http.GetAsync("/agent/v1/hosts/hv1/desired-state");
        var asAgent = await (await AgentAsync("hv1")).Http.GetAsync("/v1/havips");

        (await ApiClient.ProblemAsync(asTenant, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await ApiClient.ProblemAsync(asAgent, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
    }

    [Fact]
    public async Task NoKey_OnAgentApi_Is401()
    {
        var response = await _app.ApiWithKey(null).Http.GetAsync("/agent/v1/hosts/hv1/desired-state");

        (await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized)).Code.Should().Be("Unauthorized");
    }

    private Task<(HaVipDto Vip, InstanceDto A, InstanceDto B, SubnetDto Subnet)> TwoHostsAsync() => _world.TwoHostsAsync();

    private Task<DesiredStateDto> DesiredAsync(string host) => _world.DesiredAsync(host);

    private Task AckAsync(string host, long sequence, Dictionary<string, string>? errors = null) => _world.AckAsync(host, sequence, errors);

    private Task<ApiClient> AgentAsync(string host) => _world.AgentAsync(host);

    private Task<HaVipDto> GetVipAsync(string id) => _world.GetVipAsync(id);
}
