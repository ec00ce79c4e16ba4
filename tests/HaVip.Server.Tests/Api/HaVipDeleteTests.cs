using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class HaVipDeleteTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Delete_Available_Is204ThenGone_AndFreesAddressAndBindings()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        var vip = await _api.HaVipAsync(subnet, "10.0.240.50", [vm.Id]);

        var response = await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _api.Http.GetAsync($"/v1/havips/{vip.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync<InstanceDto>($"/v1/instances/{vm.Id}")).HaVipCount.Should().Be(0);
        (await _api.HaVipAsync(subnet, "10.0.240.50")).IpAddress.Should().Be("10.0.240.50", "the address is free again");
    }

    [Fact]
    public async Task BatchDelete_MixOfGoodMissingAndWrongState_HandlesEachOnItsOwn()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var first = await _api.HaVipAsync(subnet);
        var second = await _api.HaVipAsync(subnet);
        // A HAVIP whose host never applies it stays creating: not deletable yet.
        var silent = await _api.SubnetAsync(vpc.Id, "10.0.1.0/24");
        var vm = await _api.InstanceAsync(vpc.Id, silent.Id, host: "host-silent");
        var creating = await _api.HaVipAsync(silent, instanceIds: [vm.Id]);
        creating.Status.Should().Be(HaVipState.Creating);

        var response = await _api.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest([first.Id, "havip-missing00", creating.Id, second.Id, "garbage"]));
        var result = await _api.ReadAsync<BatchDeleteResponse>(response);

        result.Results.Select(r => (r.Id, r.Deleted, r.Error?.Code)).Should().Equal(
            (first.Id, true, null), ("havip-missing00", false, "NotFound"), (creating.Id, false, "InvalidState"), (second.Id, true, null), ("garbage", false, "NotFound"));
        (await _api.Http.GetAsync($"/v1/havips/{first.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.Http.GetAsync($"/v1/havips/{second.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{creating.Id}")).Status.Should().Be(HaVipState.Creating);
    }

    [Fact]
    public async Task BatchDelete_WithoutIds_IsInvalidParameter()
    {
        var problem = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest([])), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task DeleteInstance_UnbindsItFromItsHaVips()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var a = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        var b = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        var vip = await _api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id]);

        (await _api.Http.DeleteAsync($"/v1/instances/{a.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().Equal(b.Id);
        (await _api.Http.GetAsync($"/v1/instances/{a.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
