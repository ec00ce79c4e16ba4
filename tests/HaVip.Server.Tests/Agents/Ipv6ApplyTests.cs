using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Today's agents enforce IPv4 only: an IPv6 HAVIP stays out of every desired state, and a host's
/// acknowledgement fails it with the reason, instead of calling it available on a data plane that
/// drops all IPv6. An IPv4 HAVIP of the same subnet and hosts is unaffected.
/// </summary>
public sealed class Ipv6ApplyTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public Ipv6ApplyTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Ipv6HaVip_IsNotSentToAgents_AndFailsOnTheirAck_WhileIpv4Settles()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var api = _world.Api;
        var (vpc, subnet) = await api.DualStackNetworkAsync();
        var a = await api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var v4 = await api.HaVipAsync(subnet, instanceIds: [a.Id], name: "v4");
        var v6 = await api.HaVipAsync(subnet, "fd00:10:1::20", [a.Id], "v6");
        v6.Status.Should().Be(HaVipState.Creating, "a host runs an instance of the subnet");

        var state = await _world.DesiredAsync("hv1");
        await _world.AckAsync("hv1", state.Sequence);

        state.HaVips.Select(h => h.Id).Should().Equal(v4.Id);
        state.Ports.Should().ContainSingle().Which.AllowedIps.Should().Equal(a.Nics[0].IpAddress, v4.IpAddress);
        (await _world.GetVipAsync(v4.Id)).Status.Should().Be(HaVipState.Available);
        var failed = await _world.GetVipAsync(v6.Id);
        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Be("host hv1 could not apply it: its agent does not enforce IPv6 HAVIPs yet (the data plane is IPv4-only)");
    }
}
