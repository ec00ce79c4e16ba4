using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// IPv6 in the desired state: a port carries its NIC's IPv6 address and the IPv6 sources it may
/// use in a list of their own (an agent that renders IPv4 only never meets them in
/// <c>AllowedIps</c>), a bound IPv6 HAVIP reaches its hosts beside the IPv4 one, and their
/// acknowledgement makes it available as it does an IPv4 one.
/// </summary>
public sealed class Ipv6ApplyTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public Ipv6ApplyTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task DesiredState_CarriesPortIpv6Sources_AndTheBoundIpv6HaVip_AvailableOnceApplied()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var api = _world.Api;
        var (vpc, subnet) = await api.DualStackNetworkAsync();
        var a = await api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "b");
        var v4 = await api.HaVipAsync(subnet, instanceIds: [a.Id], name: "v4");
        var v6 = await api.HaVipAsync(subnet, "fd00:10:1::20", [a.Id], "v6");
        v6.Status.Should().Be(HaVipState.Creating, "a host runs an instance of the subnet");
        a.Nics[0].Ipv6Address.Should().NotBeNull("a dual-stack subnet gives its NICs an IPv6 address");

        var state = await _world.DesiredAsync("hv1");

        state.HaVips.Select(h => h.Id).Should().BeEquivalentTo([v4.Id, v6.Id]);
        state.HaVips.Single(h => h.Id == v6.Id).Decision.Should().BeNull("the arbitration sets are IPv4");
        var portA = state.Ports.Single(p => p.InstanceId == a.Id);
        portA.AllowedIps.Should().Equal(a.Nics[0].IpAddress, v4.IpAddress);
        portA.Ipv6Address.Should().Be(a.Nics[0].Ipv6Address);
        portA.AllowedIpv6.Should().Equal(a.Nics[0].Ipv6Address, v6.IpAddress);
        var portB = state.Ports.Single(p => p.InstanceId == b.Id);
        portB.AllowedIpv6.Should().Equal(b.Nics[0].Ipv6Address);

        await _world.AckAsync("hv1", state.Sequence);
        (await _world.GetVipAsync(v6.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task Ipv4Subnet_PortsCarryNoIpv6()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var api = _world.Api;
        var (vpc, subnet) = await api.NetworkAsync();
        await api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");

        var port = (await _world.DesiredAsync("hv1")).Ports.Should().ContainSingle().Which;

        port.Ipv6Address.Should().BeNull();
        port.AllowedIpv6.Should().BeNull();
    }
}
