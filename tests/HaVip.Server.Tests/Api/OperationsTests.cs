using System.Net;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

public sealed class OperationsTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task HealthAndReadiness_Answer()
    {
        (await _api.Http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _api.Http.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextWithRequestsAndHaVipsByStatus()
    {
        var (_, subnet) = await _api.NetworkAsync();
        await _api.HaVipAsync(subnet);
        await _api.Http.GetAsync("/v1/havips");

        // A request's duration is recorded once it ends on the server, maybe after its answer arrived.
        var text = await Eventually.GetAsync(() => _api.Http.GetStringAsync("/metrics"),
            t => t.Contains("http_route=\"/v1/havips/\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the duration sample of GET /v1/havips");

        text.Should().Contain("# TYPE havip_havips gauge");
        text.Should().MatchRegex(@"havip_havips\{status=""available""\} [1-9]");
        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram");
        text.Should().Contain("http_route=\"/v1/havips/\"");
    }

    [Fact]
    public async Task OpenApi_DescribesTheHaVipEndpoints()
    {
        var document = await _api.Http.GetStringAsync("/openapi/v1.json");
        document.Should().Contain("/v1/havips/{id}/instances").And.Contain("/v1/havips/batch-delete");
        (await _api.Http.GetAsync("/docs")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
