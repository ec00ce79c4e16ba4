using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class HaVipListTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task List_PagesThroughEverythingOnceInStableOrder()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await _api.HaVipAsync(subnet, name: $"vip-{i}")).Id);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}&pageSize=10" + (token is null ? "" : $"&pageToken={token}"));
            page.Items.Count.Should().BeLessThanOrEqualTo(10);
            seen.AddRange(page.Items.Select(h => h.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        seen.Should().Equal(created.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_DefaultsToTwentyPerPage()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        for (var i = 0; i < 21; i++)
        {
            await _api.HaVipAsync(subnet);
        }
        var page = await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}");
        page.Items.Should().HaveCount(20);
        page.NextPageToken.Should().NotBeNull();
    }

    [Fact]
    public async Task List_Filters_SelectOnlyMatches()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var other = await _api.SubnetAsync(vpc.Id, "10.0.1.0/24");
        var vm = await _api.InstanceAsync(vpc.Id, subnet.Id);
        var bound = await _api.HaVipAsync(subnet, instanceIds: [vm.Id], name: "Web-Frontend");
        var plain = await _api.HaVipAsync(subnet, name: "database");
        var elsewhere = await _api.HaVipAsync(other, name: "web-backend");

        async Task<IEnumerable<string>> Ids(string query) => (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}&{query}")).Items.Select(h => h.Id);

        (await Ids($"subnetId={subnet.Id}")).Should().BeEquivalentTo([bound.Id, plain.Id]);
        (await Ids($"instanceId={vm.Id}")).Should().BeEquivalentTo([bound.Id]);
        (await Ids("name=web")).Should().BeEquivalentTo([bound.Id, elsewhere.Id]);
        (await Ids("status=available")).Should().BeEquivalentTo([bound.Id, plain.Id, elsewhere.Id]);
        (await Ids("status=failed")).Should().BeEmpty();
        (await Ids($"subnetId={other.Id}&name=web")).Should().BeEquivalentTo([elsewhere.Id]);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("status=broken", "status")]
    [InlineData("status=1", "status")]
    [InlineData("pageToken=not-a-token", "pageToken")]
    [InlineData("health=on-fire", "health")]
    [InlineData("health=", "health")]
    public async Task List_WithBadQuery_IsInvalidParameter(string query, string field)
    {
        var problem = await ApiClient.ProblemAsync(await _api.Http.GetAsync($"/v1/havips?{query}"), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!.Keys.Should().Contain(field);
    }

    [Fact]
    public async Task List_WithNonNumericPageSize_IsInvalidParameter()
    {
        var problem = await ApiClient.ProblemAsync(await _api.Http.GetAsync("/v1/havips?pageSize=ten"), HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
    }
}
