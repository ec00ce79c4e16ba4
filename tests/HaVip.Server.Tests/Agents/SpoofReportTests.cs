using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Server.Tests.Auth;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// A spoof report names a HAVIP the reporting host carries (an instance of the host has a NIC in
/// its subnet), with validated fields; anything else is refused exactly like an unknown HAVIP,
/// and the timeline event is built from the server's own records only.
/// </summary>
public sealed class SpoofReportTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public SpoofReportTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Spoof_OtherAccountsHaVip_AnswersLikeAnUnknownId_AndWritesNothing()
    {
        var tenants = await Tenants.CreateAsync(_app);
        var agent = await _world.AgentAsync("hv1");
        var before = await tenants.B.Http.GetStringAsync($"/v1/havips/{tenants.VipB.Id}/events");

        var foreign = await agent.PostAsync("/agent/v1/spoof-attempts", Report(tenants.VipB.Id, tenants.SpareA.Id));
        var unknown = await agent.PostAsync("/agent/v1/spoof-attempts", Report("havip-nosuchid", tenants.SpareA.Id));

        var refused = await ApiClient.ProblemAsync(foreign, HttpStatusCode.NotFound);
        var missing = await ApiClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
        refused.Code.Should().Be(missing.Code);
        refused.Detail!.Replace(tenants.VipB.Id, "ID", StringComparison.Ordinal).Should().Be(missing.Detail!.Replace("havip-nosuchid", "ID", StringComparison.Ordinal));
        (await tenants.B.Http.GetStringAsync($"/v1/havips/{tenants.VipB.Id}/events")).Should().Be(before);
    }

    [Fact]
    public async Task Spoof_HaVipOnSubnetTheHostDoesNotCarry_Is404()
    {
        var (_, a, _, subnet) = await _world.TwoHostsAsync();
        var elsewhere = await _world.Api.SubnetAsync(subnet.VpcId, "10.0.241.0/24");
        var remote = await _world.Api.InstanceAsync(subnet.VpcId, elsewhere.Id, host: "hv2", name: "remote");
        var vip = await _world.Api.HaVipAsync(elsewhere, instanceIds: [remote.Id]);

        var response = await (await _world.AgentAsync("hv1")).PostAsync("/agent/v1/spoof-attempts", Report(vip.Id, a.Id));

        (await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("NotFound");
        (await _world.EventsAsync(vip.Id)).Should().NotContain(e => e.Kind == "spoofAttempt");
    }

    [Theory]
    [InlineData("mac")]
    [InlineData("html")]
    [InlineData("count")]
    [InlineData("id")]
    public async Task Spoof_InvalidField_Is400_AndWritesNothing(string field)
    {
        var (vip, _, _, subnet) = await _world.TwoHostsAsync();
        var intruder = await _world.Api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "intruder");
        var report = field switch
        {
            "mac" => Report(vip.Id, intruder.Id) with { MacAddress = new string('a', 64 << 10) }, // 64 KiB: under the 1 MiB body cap, so the field's own check answers
            "html" => Report(vip.Id, intruder.Id) with { MacAddress = "<b>02:00:00:00:00:09</b>" },
            "count" => Report(vip.Id, intruder.Id) with { Count = -1 },
            _ => Report(vip.Id + new string('x', 4096), intruder.Id),
        };

        var response = await (await _world.AgentAsync("hv1")).PostAsync("/agent/v1/spoof-attempts", report);

        (await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("InvalidParameter");
        (await _world.EventsAsync(vip.Id)).Should().NotContain(e => e.Kind == "spoofAttempt");
    }

    [Fact]
    public async Task Spoof_EventSaysUnbound_OnlyForAnInstanceThatIsNotBound()
    {
        var (vip, a, _, subnet) = await _world.TwoHostsAsync();
        var intruder = await _world.Api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "intruder");
        var agent = await _world.AgentAsync("hv1");

        (await agent.PostAsync("/agent/v1/spoof-attempts", Report(vip.Id, intruder.Id, "02:00:00:00:00:0A"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await agent.PostAsync("/agent/v1/spoof-attempts", Report(vip.Id, a.Id))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var events = (await _world.EventsAsync(vip.Id)).Where(e => e.Kind == "spoofAttempt").ToArray();
        events.Single(e => e.InstanceId == intruder.Id).Message.Should().Contain("unbound").And.Contain("02:00:00:00:00:0a");
        events.Single(e => e.InstanceId == a.Id).Message.Should().NotContain("unbound");
    }

    private static SpoofReport Report(string haVipId, string instanceId, string mac = "02:00:00:00:00:09") =>
        new(haVipId, instanceId, mac, DateTime.UtcNow, 3);
}
