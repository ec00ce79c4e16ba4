using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class ETagTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task IfMatch_CurrentVersion_Applies_StaleVersion_Is412AndChangesNothing()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet, name: "first");
        var read = await _api.Http.GetAsync($"/v1/havips/{vip.Id}");
        var etag = read.Headers.ETag!.Tag;

        var applied = await SendAsync(HttpMethod.Patch, $"/v1/havips/{vip.Id}", new UpdateHaVipRequest("second"), etag);
        var stale = await SendAsync(HttpMethod.Patch, $"/v1/havips/{vip.Id}", new UpdateHaVipRequest("third"), etag);
        var staleBind = await SendAsync(HttpMethod.Put, $"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([]), etag);
        var staleDelete = await SendAsync(HttpMethod.Delete, $"/v1/havips/{vip.Id}", null, etag);
        var garbage = await SendAsync(HttpMethod.Patch, $"/v1/havips/{vip.Id}", new UpdateHaVipRequest("fourth"), "\"not-a-version\"");

        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        applied.Headers.ETag!.Tag.Should().NotBe(etag);
        foreach (var refused in new[] { stale, staleBind, staleDelete, garbage })
        {
            (await ApiClient.ProblemAsync(refused, HttpStatusCode.PreconditionFailed)).Code.Should().Be("PreconditionFailed");
        }
        (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).Name.Should().Be("second");
        var current = (await _api.Http.GetAsync($"/v1/havips/{vip.Id}")).Headers.ETag!.Tag;
        (await SendAsync(HttpMethod.Delete, $"/v1/havips/{vip.Id}", null, current)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ParallelUnconditionedPatches_NeverLoseOne()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet);
        var before = (await _api.Http.GetAsync($"/v1/havips/{vip.Id}")).Headers.ETag!.Tag;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(Remark: $"r{i}"))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var tags = responses.Select(r => r.Headers.ETag!.Tag).Append(before).ToArray();
        tags.Should().OnlyHaveUniqueItems("every write is its own version: none overwrote another unseen");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiClient.Json);
        }
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _api.Http.SendAsync(request);
    }
}
