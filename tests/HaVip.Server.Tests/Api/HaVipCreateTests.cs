using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class HaVipCreateTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Create_WithoutHosts_IsAvailableWithLocationAndLowestFreeAddress()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id);

        var response = await _api.PostAsync("/v1/havips", new CreateHaVipRequest("web", NetworkType.Internal, subnet.Id, "front door", InstanceIds: [vm.Id]));
        var vip = await _api.ReadAsync<HaVipDto>(response, HttpStatusCode.Created);

        response.Headers.Location!.ToString().Should().Be($"/v1/havips/{vip.Id}");
        vip.Id.Should().MatchRegex("^havip-[a-z0-9]{8,}$");
        vm.Nics[0].IpAddress.Should().Be("10.0.240.2", "the gateway .1 is reserved, so the first NIC gets .2");
        vip.IpAddress.Should().Be("10.0.240.3");
        vip.Status.Should().Be(HaVipState.Available);
        vip.InstanceIds.Should().Equal(vm.Id);
        vip.Remark.Should().Be("front door");
        vip.VpcId.Should().Be(subnet.VpcId);
        vip.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
        // A GET adds what the platform saw of the cluster (vrrp, health), which a create cannot know yet.
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).Should().BeEquivalentTo(vip, o => o.Excluding(v => v.Vrrp).Excluding(v => v.Health));
    }

    [Theory]
    [InlineData("10.0.241.5", "IpNotInSubnet")]
    [InlineData("10.0.240.0", "IpReserved")]
    [InlineData("10.0.240.1", "IpReserved")]
    [InlineData("10.0.240.255", "IpReserved")]
    public async Task Create_WithUnusableAddress_IsRefusedWithCode(string ip, string code)
    {
        var (_, subnet) = await _api.NetworkAsync();
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpAddress: ip)), HttpStatusCode.BadRequest);
        problem.Code.Should().Be(code);
        problem.Errors!.Keys.Should().Contain("ipAddress");
    }

    [Fact]
    public async Task Create_WithAddressOfNicOrOtherHaVip_IsIpInUse()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id, "10.0.240.14");
        await _api.HaVipAsync(subnet, "10.0.240.100");

        foreach (var taken in new[] { vm.Nics[0].IpAddress, "10.0.240.100" })
        {
            var problem = await ApiClient.ProblemAsync(
                await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, IpAddress: taken)), HttpStatusCode.Conflict);
            problem.Code.Should().Be("IpInUse");
        }
    }

    [Fact]
    public async Task Create_WithTypeOfOtherNetwork_IsTypeMismatch()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.External, subnet.Id)), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("TypeMismatch");
    }

    [Fact]
    public async Task Create_WithFourInstances_IsTooManyInstances()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await _api.InstanceAsync(subnet.VpcId, subnet.Id)).Id);
        }
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, InstanceIds: ids)), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("TooManyInstances");
        (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?subnetId={subnet.Id}")).Items.Should().BeEmpty("nothing is stored for a refused request");
    }

    [Fact]
    public async Task Create_WithInstanceOfAnotherSubnet_IsInstanceNotInSubnet()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var other = await _api.SubnetAsync(vpc.Id, "10.0.1.0/24");
        var vm = await _api.InstanceAsync(vpc.Id, other.Id);
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, InstanceIds: [vm.Id])), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InstanceNotInSubnet");
    }

    [Fact]
    public async Task Create_SixthHaVipOnOneInstance_IsInstanceHaVipLimitExceeded()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        for (var i = 0; i < 5; i++)
        {
            await _api.HaVipAsync(subnet, instanceIds: [vm.Id]);
        }
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, subnet.Id, InstanceIds: [vm.Id])), HttpStatusCode.Conflict);
        problem.Code.Should().Be("InstanceHaVipLimitExceeded");
        (await _api.GetAsync<InstanceDto>($"/v1/instances/{vm.Id}")).HaVipCount.Should().Be(5);
    }

    [Fact]
    public async Task Create_WithUnknownSubnet_IsNotFound()
    {
        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("x", NetworkType.Internal, "subnet-doesnotexist")), HttpStatusCode.NotFound);
        problem.Code.Should().Be("NotFound");
    }

    [Fact]
    public async Task Create_WithSeveralBadFields_ReportsEveryOne()
    {
        var request = new CreateHaVipRequest("", null, "nope", new string('r', 257), "fe80::1", ["i-abcdefgh", "i-abcdefgh"]);
        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips", request), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!.Keys.Should().Contain(["name", "remark", "subnetId", "ipAddress", "instanceIds"]);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\": 5, \"type\": \"internal\", \"subnetId\": \"subnet-abcdefgh\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"galactic\", \"subnetId\": \"subnet-abcdefgh\"}")]
    [InlineData("{\"name\": \"x\", \"type\": 1, \"subnetId\": \"subnet-abcdefgh\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"internal\", \"subnetId\": \"subnet-abcdefgh\", \"ipAddress\": \"999.1.1.1\"}")]
    [InlineData("{\"name\": \"x\", \"type\": \"internal\", \"subnetId\": \"subnet-abcdefgh\", \"instanceIds\": \"i-abcdefgh\"}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Create_WithMalformedBody_IsInvalidParameterNever500(string body)
    {
        var problem = await ApiClient.ProblemAsync(await _api.PostRawAsync("/v1/havips", body), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
    }
}
