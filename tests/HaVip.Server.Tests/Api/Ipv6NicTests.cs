using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>Instance NICs in dual-stack subnets get an IPv6 address in the /64. SQLite, and PostgreSQL when HAVIP_TEST_POSTGRES is set.</summary>
public sealed class Ipv6NicTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Nic_InDualStackSubnet_GetsLowestFreeIpv6_OrTheOneAsked()
    {
        var (vpc, dual) = await _api.DualStackNetworkAsync();
        var plain = await _api.SubnetAsync(vpc.Id, "10.0.2.0/24");

        var first = await CreateAsync(vpc.Id, new CreateNicRequest(dual.Id), new CreateNicRequest(plain.Id));
        var second = await CreateAsync(vpc.Id, new CreateNicRequest(dual.Id));
        var asked = await CreateAsync(vpc.Id, new CreateNicRequest(dual.Id, Ipv6Address: "FD00:10:1:0::abcd"));

        first.Nics.Select(n => n.Ipv6Address).Should().Equal(["fd00:10:1::2", null], "::1 is the gateway; an IPv4-only subnet gives no IPv6 address");
        second.Nics[0].Ipv6Address.Should().Be("fd00:10:1::3");
        asked.Nics[0].Ipv6Address.Should().Be("fd00:10:1::abcd", "stored in the RFC 5952 spelling");
        (await _api.GetAsync<InstanceDto>($"/v1/instances/{asked.Id}")).Nics[0].Ipv6Address.Should().Be("fd00:10:1::abcd");
    }

    [Theory]
    [MemberData(nameof(UnusableIpv6.Cases), MemberType = typeof(UnusableIpv6))]
    public async Task Nic_WithUnusableIpv6_IsRefusedWithCode_AndNothingIsStored(string address, HttpStatusCode status, string code)
    {
        var (vpc, dual) = await _api.DualStackNetworkAsync();
        await CreateAsync(vpc.Id, new CreateNicRequest(dual.Id));
        await _api.HaVipAsync(dual, "fd00:10:1::50");

        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/instances",
            new CreateInstanceRequest("vm", vpc.Id, [new CreateNicRequest(dual.Id, Ipv6Address: address)])), status);

        problem.Code.Should().Be(code);
        problem.Errors!.Keys.Should().Contain("nics[0].ipv6Address");
        (await _api.GetAsync<Page<InstanceDto>>($"/v1/instances?vpcId={vpc.Id}")).Items.Should().HaveCount(1);
    }

    [Fact]
    public async Task Nic_WithIpv6InIpv4OnlySubnet_IsSubnetNotDualStack()
    {
        var (vpc, subnet) = await _api.NetworkAsync();

        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/instances",
            new CreateInstanceRequest("vm", vpc.Id, [new CreateNicRequest(subnet.Id, Ipv6Address: "fd00:10:1::5")])), HttpStatusCode.BadRequest);

        problem.Code.Should().Be("SubnetNotDualStack");
        problem.Errors!.Keys.Should().Equal("nics[0].ipv6Address");
    }

    private async Task<InstanceDto> CreateAsync(string vpcId, params CreateNicRequest[] nics) =>
        await _api.ReadAsync<InstanceDto>(await _api.PostAsync("/v1/instances", new CreateInstanceRequest("vm", vpcId, nics)), HttpStatusCode.Created);
}
