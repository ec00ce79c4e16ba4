using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class InventoryTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Vpc_CreateGetListDelete_RoundTrips()
    {
        var vpc = await _api.VpcAsync("172.16.0.0/12");
        vpc.Id.Should().MatchRegex("^vpc-[a-z0-9]{8,}$");
        (await _api.GetAsync<VpcDto>($"/v1/vpcs/{vpc.Id}")).Should().BeEquivalentTo(vpc);
        (await _api.GetAsync<Page<VpcDto>>("/v1/vpcs")).Items.Select(v => v.Id).Should().Contain(vpc.Id);
        (await _api.Http.DeleteAsync($"/v1/vpcs/{vpc.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _api.Http.GetAsync($"/v1/vpcs/{vpc.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("10.0.0.1/16")]
    [InlineData("10.0.0.0/33")]
    [InlineData("fd00::/8")]
    [InlineData("banana")]
    public async Task Vpc_WithBadCidr_IsInvalidParameter(string cidr)
    {
        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/vpcs", new CreateVpcRequest("v", cidr)), HttpStatusCode.BadRequest);
        problem.Errors!.Keys.Should().Contain("cidr");
    }

    [Fact]
    public async Task Subnet_DualStack_CarriesItsIpv6PrefixAndGateway_AndRefusesABadOrTakenOne()
    {
        var vpc = await _api.VpcAsync();
        var created = await _api.ReadAsync<SubnetDto>(await _api.PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "dual", "10.0.1.0/24", NetworkType.Internal, Ipv6Cidr: "FD00:10:1:0::/64")), HttpStatusCode.Created);
        created.Ipv6Cidr.Should().Be("fd00:10:1::/64");
        created.Ipv6Gateway.Should().Be("fd00:10:1::1");
        (await _api.GetAsync<SubnetDto>($"/v1/subnets/{created.Id}")).Ipv6Cidr.Should().Be("fd00:10:1::/64");
        (await _api.SubnetAsync(vpc.Id, "10.0.2.0/24")).Ipv6Cidr.Should().BeNull();

        var taken = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "again", "10.0.3.0/24", NetworkType.Internal, Ipv6Cidr: "fd00:10:1::/64")), HttpStatusCode.Conflict);
        taken.Code.Should().Be("CidrOverlap");
        var notSlash64 = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "wide", "10.0.4.0/24", NetworkType.Internal, Ipv6Cidr: "fd00:10:4::/48")), HttpStatusCode.BadRequest);
        notSlash64.Code.Should().Be("InvalidParameter");
        notSlash64.Errors!.Keys.Should().Equal("ipv6Cidr");
        (await _api.GetAsync<Page<SubnetDto>>($"/v1/subnets?vpcId={vpc.Id}")).Items.Should().HaveCount(2, "nothing refused was stored");
    }

    [Fact]
    public async Task Subnet_Rules_OutsideVpcOverlapAndInUse()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        subnet.Gateway.Should().Be("10.0.240.1");

        var outside = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/subnets", new CreateSubnetRequest(vpc.Id, "s", "10.1.0.0/24", NetworkType.Internal)), HttpStatusCode.BadRequest);
        var overlap = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/subnets", new CreateSubnetRequest(vpc.Id, "s", "10.0.240.128/25", NetworkType.Internal)), HttpStatusCode.Conflict);
        var external = await _api.SubnetAsync(vpc.Id, "192.168.177.0/24", NetworkType.External);

        outside.Code.Should().Be("InvalidParameter");
        overlap.Code.Should().Be("CidrOverlap");
        external.Type.Should().Be(NetworkType.External);

        await _api.InstanceAsync(vpc.Id, subnet.Id);
        (await ApiClient.ProblemAsync(await _api.Http.DeleteAsync($"/v1/subnets/{subnet.Id}"), HttpStatusCode.Conflict)).Code.Should().Be("InUse");
        (await ApiClient.ProblemAsync(await _api.Http.DeleteAsync($"/v1/vpcs/{vpc.Id}"), HttpStatusCode.Conflict)).Code.Should().Be("InUse");
        (await _api.Http.DeleteAsync($"/v1/subnets/{external.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Subnet_UsedByHaVip_CannotBeDeleted()
    {
        var (_, subnet) = await _api.NetworkAsync();
        await _api.HaVipAsync(subnet);
        (await ApiClient.ProblemAsync(await _api.Http.DeleteAsync($"/v1/subnets/{subnet.Id}"), HttpStatusCode.Conflict)).Code.Should().Be("InUse");
    }

    [Fact]
    public async Task Instance_Defaults_DeviceAddressAndLocallyAdministeredMac()
    {
        var vpc = await _api.VpcAsync();
        var a = await _api.SubnetAsync(vpc.Id, "10.0.1.0/24");
        var b = await _api.SubnetAsync(vpc.Id, "10.0.2.0/24");
        var vm = await _api.ReadAsync<InstanceDto>(
            await _api.PostAsync("/v1/instances", new CreateInstanceRequest("vm", vpc.Id, [new CreateNicRequest(a.Id), new CreateNicRequest(b.Id)], "host-1")), HttpStatusCode.Created);

        vm.Id.Should().MatchRegex("^i-[a-z0-9]{8,}$");
        vm.Host.Should().Be("host-1");
        vm.Nics.Select(n => (n.Device, n.IpAddress)).Should().Equal(("eth0", "10.0.1.2"), ("eth1", "10.0.2.2"));
        vm.Nics.Should().OnlyContain(n => (Convert.ToByte(n.MacAddress.Substring(0, 2), 16) & 0x03) == 0x02, "locally administered unicast");
        vm.Nics.Select(n => n.MacAddress).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Instance_WithTakenAddressOrMac_IsRefused()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var first = await _api.InstanceAsync(vpc.Id, subnet.Id, "10.0.240.20");
        var ip = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/instances", new CreateInstanceRequest("vm", vpc.Id, [new CreateNicRequest(subnet.Id, IpAddress: "10.0.240.20")])), HttpStatusCode.Conflict);
        var mac = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/instances", new CreateInstanceRequest("vm", vpc.Id, [new CreateNicRequest(subnet.Id, MacAddress: first.Nics[0].MacAddress.ToUpperInvariant())])), HttpStatusCode.Conflict);
        var bad = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/instances", new CreateInstanceRequest("", vpc.Id, [new CreateNicRequest(subnet.Id, "bad name!", "10.0.240.300", "01:00:5e:00:00:01")])), HttpStatusCode.BadRequest);

        ip.Code.Should().Be("IpInUse");
        mac.Code.Should().Be("MacInUse");
        bad.Errors!.Keys.Should().Contain(["name", "nics[0].device", "nics[0].ipAddress", "nics[0].macAddress"]);
    }

    [Fact]
    public async Task Demo_EmptyDatabase_GetsGuideInventory()
    {
        await using var demo = new HaVipApp { Demo = true };
        var api = demo.Api;
        var subnets = (await api.GetAsync<Page<SubnetDto>>("/v1/subnets")).Items;
        var instances = (await api.GetAsync<Page<InstanceDto>>("/v1/instances")).Items;

        subnets.Select(s => (s.Cidr, s.Type)).Should().BeEquivalentTo([("10.0.240.0/24", NetworkType.Internal), ("192.168.177.0/24", NetworkType.External)]);
        instances.SelectMany(i => i.Nics).Select(n => n.IpAddress).Should().Contain(["10.0.240.14", "10.0.240.15", "10.0.240.16"]);
        instances.Should().OnlyContain(i => i.Nics.Count == 2);
        subnets.Select(s => s.Ipv6Cidr).Should().BeEquivalentTo(["fd00:10:0:240::/64", null], "the internal subnet is dual-stack with a ULA /64, the external IPv4 only");
        instances.SelectMany(i => i.Nics).Where(n => n.Device == "eth0").Select(n => n.Ipv6Address)
            .Should().BeEquivalentTo(["fd00:10:0:240::2", "fd00:10:0:240::3", "fd00:10:0:240::4"]);
    }
}
