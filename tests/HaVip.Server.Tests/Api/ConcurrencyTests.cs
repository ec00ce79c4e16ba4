using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>The quotas hold when requests race each other.</summary>
public sealed class ConcurrencyTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task TwentyParallelBindsToOneInstance_ExactlyFiveSucceed()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vm = await _api.InstanceAsync(subnet.VpcId, subnet.Id);
        var vips = new List<HaVipDto>();
        for (var i = 0; i < 20; i++)
        {
            vips.Add(await _api.HaVipAsync(subnet));
        }

        var responses = await Task.WhenAll(vips.Select(v => _api.PostAsync($"/v1/havips/{v.Id}/instances", new AddInstanceRequest(vm.Id))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(5);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict);
        (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?instanceId={vm.Id}&pageSize=100")).Items.Should().HaveCount(5);
    }

    [Fact]
    public async Task TenParallelAddsToOneHaVip_ExactlyThreeSucceed()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet);
        var vms = new List<InstanceDto>();
        for (var i = 0; i < 10; i++)
        {
            vms.Add(await _api.InstanceAsync(subnet.VpcId, subnet.Id));
        }

        var responses = await Task.WhenAll(vms.Select(vm => _api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vm.Id))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(3);
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().HaveCount(3);
    }

    [Fact]
    public async Task ParallelCreatesWithoutAddress_NeverShareAnAddress()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            _api.PostAsync("/v1/havips", new CreateHaVipRequest($"p{i}", NetworkType.Internal, subnet.Id))));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        var page = await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}&pageSize=100");
        page.Items.Select(h => h.IpAddress).Should().OnlyHaveUniqueItems().And.HaveCount(15);
    }
}
