using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>A HAVIP is IPv4 or IPv6, by its address or by ipVersion. SQLite, and PostgreSQL when HAVIP_TEST_POSTGRES is set.</summary>
public sealed class Ipv6HaVipTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Create_WithIpVersionIpv6_GetsLowestFreeIpv6AfterTheNics()
    {
        var (vpc, subnet) = await _api.DualStackNetworkAsync();
        var vm = await _api.InstanceAsync(vpc.Id, subnet.Id);

        var vip = await CreateAsync(new CreateHaVipRequest("v6", NetworkType.Internal, subnet.Id, InstanceIds: [vm.Id], IpVersion: IpVersion.Ipv6));
        var v4 = await CreateAsync(new CreateHaVipRequest("v4", NetworkType.Internal, subnet.Id));

        vm.Nics[0].Ipv6Address.Should().Be("fd00:10:1::2");
        vip.IpAddress.Should().Be("fd00:10:1::3", "the NIC holds ::2 and the gateway ::1");
        vip.IpVersion.Should().Be(IpVersion.Ipv6);
        vip.Status.Should().Be(HaVipState.Available, "no host runs an instance of the subnet, so there is nothing to apply");
        v4.IpVersion.Should().Be(IpVersion.Ipv4, "without an address or ipVersion a HAVIP is IPv4");
        v4.IpAddress.Should().Be("10.0.1.3");
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).Should().BeEquivalentTo(vip, o => o.Excluding(v => v.Vrrp).Excluding(v => v.Health));
    }

    [Fact]
    public async Task Create_WithIpv6Address_IsIpv6_InCanonicalSpelling()
    {
        var (_, subnet) = await _api.DualStackNetworkAsync();

        var vip = await CreateAsync(new CreateHaVipRequest("v6", NetworkType.Internal, subnet.Id, IpAddress: "FD00:10:1:0:0::20"));

        vip.IpVersion.Should().Be(IpVersion.Ipv6);
        vip.IpAddress.Should().Be("fd00:10:1::20");
    }

    [Theory]
    [MemberData(nameof(UnusableIpv6.Cases), MemberType = typeof(UnusableIpv6))]
    public async Task Create_WithUnusableIpv6_IsRefusedWithCode_AndNothingIsStored(string address, HttpStatusCode status, string code)
    {
        var (vpc, subnet) = await _api.DualStackNetworkAsync();
        await _api.InstanceAsync(vpc.Id, subnet.Id);
        await _api.HaVipAsync(subnet, "fd00:10:1::50");

        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpAddress: address)), status);

        problem.Code.Should().Be(code);
        problem.Errors!.Keys.Should().Contain("ipAddress");
        (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?subnetId={subnet.Id}")).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Create_Ipv6InIpv4OnlySubnet_IsSubnetNotDualStack_OnTheFieldThatAskedForIt()
    {
        var (_, subnet) = await _api.NetworkAsync();

        var byVersion = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips",
            new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpVersion: IpVersion.Ipv6)), HttpStatusCode.BadRequest);
        var byAddress = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips",
            new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpAddress: "fd00:10:1::5")), HttpStatusCode.BadRequest);

        byVersion.Code.Should().Be("SubnetNotDualStack");
        byVersion.Errors!.Keys.Should().Equal("ipVersion");
        byAddress.Code.Should().Be("SubnetNotDualStack");
        byAddress.Errors!.Keys.Should().Equal("ipAddress");
    }

    [Fact]
    public async Task Create_IpVersionAgainstTheAddress_IsInvalidParameter()
    {
        var (_, subnet) = await _api.DualStackNetworkAsync();

        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips",
            new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpAddress: "10.0.1.20", IpVersion: IpVersion.Ipv6)), HttpStatusCode.BadRequest);

        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!.Keys.Should().Equal("ipVersion");
    }

    [Fact]
    public async Task Quota_FiveHaVipsPerInstance_CountsBothFamilies()
    {
        var (vpc, subnet) = await _api.DualStackNetworkAsync();
        var vm = await _api.InstanceAsync(vpc.Id, subnet.Id);
        for (var i = 0; i < 5; i++)
        {
            var version = i % 2 == 0 ? IpVersion.Ipv6 : IpVersion.Ipv4;
            (await CreateAsync(new CreateHaVipRequest($"v{i}", NetworkType.Internal, subnet.Id, InstanceIds: [vm.Id], IpVersion: version))).IpVersion.Should().Be(version);
        }

        foreach (var version in new[] { IpVersion.Ipv4, IpVersion.Ipv6 })
        {
            var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips",
                new CreateHaVipRequest("sixth", NetworkType.Internal, subnet.Id, InstanceIds: [vm.Id], IpVersion: version)), HttpStatusCode.Conflict);
            problem.Code.Should().Be("InstanceHaVipLimitExceeded", $"3 IPv6 and 2 IPv4 HAVIPs are 5, so a sixth {version} one is refused");
        }
        var four = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _api.InstanceAsync(vpc.Id, subnet.Id, name: $"m{i}")));
        var tooMany = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips",
            new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, InstanceIds: [.. four.Select(m => m.Id)], IpVersion: IpVersion.Ipv6)), HttpStatusCode.BadRequest);
        tooMany.Code.Should().Be("TooManyInstances");
    }

    private async Task<HaVipDto> CreateAsync(CreateHaVipRequest request) =>
        await _api.ReadAsync<HaVipDto>(await _api.PostAsync("/v1/havips", request), HttpStatusCode.Created);
}
