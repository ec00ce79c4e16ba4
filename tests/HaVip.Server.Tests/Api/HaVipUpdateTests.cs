using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class HaVipUpdateTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Patch_NameAndRemark_ChangesOnlyThose()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet);

        var renamed = await _api.ReadAsync<HaVipDto>(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest("db-primary", "postgres")));
        var remarkOnly = await _api.ReadAsync<HaVipDto>(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(Remark: "")));

        renamed.Name.Should().Be("db-primary");
        renamed.Remark.Should().Be("postgres");
        renamed.IpAddress.Should().Be(vip.IpAddress);
        remarkOnly.Name.Should().Be("db-primary");
        remarkOnly.Remark.Should().BeEmpty();
        remarkOnly.UpdatedAt.Should().BeOnOrAfter(vip.UpdatedAt);
    }

    [Theory]
    [InlineData("", null, "name")]
    [InlineData(null, 257, "remark")]
    public async Task Patch_WithBadValues_IsInvalidParameterAndChangesNothing(string? name, int? remarkLength, string field)
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet, name: "keep");
        var remark = remarkLength is { } n ? new string('x', n) : null;
        var problem = await ApiClient.ProblemAsync(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(name, remark)), HttpStatusCode.BadRequest);
        problem.Errors!.Keys.Should().Contain(field);
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).Name.Should().Be("keep");
    }

    [Fact]
    public async Task Patch_UnknownId_IsNotFound()
    {
        var problem = await ApiClient.ProblemAsync(await _api.PatchAsync("/v1/havips/havip-missing00", new UpdateHaVipRequest("x")), HttpStatusCode.NotFound);
        problem.Code.Should().Be("NotFound");
        (await ApiClient.ProblemAsync(await _api.Http.GetAsync("/v1/havips/havip-missing00"), HttpStatusCode.NotFound)).Code.Should().Be("NotFound");
    }

    [Fact]
    public async Task Instances_AddReplaceRemove_FollowTheRules()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vms = new List<InstanceDto>();
        for (var i = 0; i < 4; i++)
        {
            vms.Add(await _api.InstanceAsync(subnet.VpcId, subnet.Id));
        }
        var vip = await _api.HaVipAsync(subnet, instanceIds: [vms[0].Id]);

        var added = await _api.ReadAsync<HaVipDto>(await _api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vms[1].Id)));
        added.InstanceIds.Should().Equal(vms[0].Id, vms[1].Id);

        var duplicate = await ApiClient.ProblemAsync(await _api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vms[1].Id)), HttpStatusCode.BadRequest);
        duplicate.Code.Should().Be("InvalidParameter");

        var replaced = await _api.ReadAsync<HaVipDto>(await _api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([vms[1].Id, vms[2].Id, vms[3].Id])));
        replaced.InstanceIds.Should().BeEquivalentTo([vms[1].Id, vms[2].Id, vms[3].Id]);

        var fourth = await ApiClient.ProblemAsync(await _api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vms[0].Id)), HttpStatusCode.BadRequest);
        fourth.Code.Should().Be("TooManyInstances");

        var removed = await _api.ReadAsync<HaVipDto>(await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{vms[2].Id}"));
        removed.InstanceIds.Should().BeEquivalentTo([vms[1].Id, vms[3].Id]);

        var notBound = await ApiClient.ProblemAsync(await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{vms[2].Id}"), HttpStatusCode.NotFound);
        notBound.Code.Should().Be("NotFound");

        var cleared = await _api.ReadAsync<HaVipDto>(await _api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([])));
        cleared.InstanceIds.Should().BeEmpty();
    }

    [Fact]
    public async Task ReplaceInstances_WithFourOrUnknown_IsRefusedAndChangesNothing()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        var vip = await _api.HaVipAsync(subnet, instanceIds: [vm.Id]);

        var four = await ApiClient.ProblemAsync(
            await _api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest(["i-aaaaaaaa", "i-bbbbbbbb", "i-cccccccc", "i-dddddddd"])), HttpStatusCode.BadRequest);
        var unknown = await ApiClient.ProblemAsync(
            await _api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest(["i-unknown000"])), HttpStatusCode.NotFound);

        four.Code.Should().Be("TooManyInstances");
        unknown.Code.Should().Be("NotFound");
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().Equal(vm.Id);
    }
}
