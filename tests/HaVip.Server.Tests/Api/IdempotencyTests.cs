using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class IdempotencyTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Post_RetriedWithSameKeyAndBody_ReturnsFirstResponseAndCreatesOnce()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var request = new CreateHaVipRequest("once", NetworkType.Internal, subnet.Id);
        var key = Guid.NewGuid().ToString();

        var first = await _api.PostAsync("/v1/havips", request, key);
        var retry = await _api.PostAsync("/v1/havips", request, key);

        var a = await _api.ReadAsync<HaVipDto>(first, HttpStatusCode.Created);
        var b = await _api.ReadAsync<HaVipDto>(retry, HttpStatusCode.Created);
        b.Should().BeEquivalentTo(a);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}")).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Post_ConcurrentRetries_CreateOnce()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var request = new CreateHaVipRequest("race", NetworkType.Internal, subnet.Id);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.PostAsync("/v1/havips", request, key)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}")).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Post_SameKeyOtherBody_IsIdempotencyKeyReused()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var key = Guid.NewGuid().ToString();
        await _api.PostAsync("/v1/havips", new CreateHaVipRequest("one", NetworkType.Internal, subnet.Id), key);

        var problem = await ApiClient.ProblemAsync(
            await _api.PostAsync("/v1/havips", new CreateHaVipRequest("two", NetworkType.Internal, subnet.Id), key), HttpStatusCode.UnprocessableEntity);

        problem.Code.Should().Be("IdempotencyKeyReused");
    }

    [Fact]
    public async Task Post_RefusedRequestRetried_ReplaysTheRefusal()
    {
        var key = Guid.NewGuid().ToString();
        var request = new CreateHaVipRequest("x", NetworkType.Internal, "subnet-missing00");
        var first = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips", request, key), HttpStatusCode.NotFound);
        var again = await ApiClient.ProblemAsync(await _api.PostAsync("/v1/havips", request, key), HttpStatusCode.NotFound);
        again.Should().BeEquivalentTo(first);
    }
}
