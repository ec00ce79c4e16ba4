using System.Net;
using HaVip.Server.Tests.Auth;
using HaVip.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HaVip.Server.Tests.Security;

/// <summary>/metrics and the API description are for operators unless the operator opens them.</summary>
public sealed class MetricsAccessTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    [Fact]
    public async Task AnonymousMetrics_AreRefusedByDefault()
    {
        var response = await app.ApiWithKey(null).Http.GetAsync("/metrics");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        problem.Code.Should().Be("Unauthorized");
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    public async Task AnonymousDocs_AreRefusedByDefault_TheBrowserIsSentToSignIn(string path)
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().Contain("/login");
        (await app.Api.Http.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, "a key reads them");
    }

    [Fact]
    public async Task Metrics_RefuseATenantKey_AndServeTheAdminKey()
    {
        var tenants = await Tenants.CreateAsync(app);

        var problem = await ApiClient.ProblemAsync(await tenants.A.Http.GetAsync("/metrics"), HttpStatusCode.Forbidden);
        problem.Code.Should().Be("Forbidden");
        (await app.Api.Http.GetStringAsync("/metrics")).Should().Contain("# TYPE havip_havips gauge");
    }

    [Fact]
    public async Task Anonymous_IsServedWhenConfigured()
    {
        using var open = app.WithWebHostBuilder(b => b
            .UseSetting("Observability:AnonymousMetrics", "true")
            .UseSetting("Api:PublicDocs", "true"));
        using var anonymous = open.CreateClient();

        (await anonymous.GetStringAsync("/metrics")).Should().Contain("# TYPE havip_havips gauge");
        (await anonymous.GetStringAsync("/openapi/v1.json")).Should().Contain("/v1/havips/batch-delete");
    }

    [Fact]
    public async Task Metrics_NameNoExceptionType_AfterAFailedRequest()
    {
        (await app.Api.PostRawAsync("/v1/vpcs", "{\"name\": ")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Api.PostRawAsync("/v1/havips", "{\"instanceIds\": [1]}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // Whatever this answers (it was once a 500 from a NullReferenceException), no type name reaches the metrics.
        await app.Api.PostRawAsync("/v1/instances", "{\"name\":\"vm\",\"vpcId\":\"vpc-abcd1234\",\"nics\":[null]}");

        // A request's duration is recorded once it ends on the server, maybe after its answer arrived.
        var text = await Eventually.GetAsync(() => app.Api.Http.GetStringAsync("/metrics"),
            t => t.Contains("http_response_status_code=\"400\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the duration samples of the refused requests");
        text.Should().NotContain("Exception").And.NotContain("System.");
    }
}
