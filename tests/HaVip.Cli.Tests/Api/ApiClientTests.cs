using System.Net;
using System.Text;
using HaVip.Cli.Tests.Fixtures;

namespace HaVip.Cli.Tests.Api;

/// <summary>What goes over the wire and how refusals come back, with a stand-in for the server.</summary>
public sealed class ApiClientTests
{
    [Fact]
    public async Task Request_KeyFromEnvironment_SentAsBearer()
    {
        var server = new FakeServer(_ => Json(HttpStatusCode.OK, """{ "items": [], "nextPageToken": null }"""));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9"), key: null) { Handler = server };
        cli.Environment["HAVIP_KEY"] = "from-env";

        var result = await cli.RunAsync("vpc", "list");

        result.ExitCode.Should().Be(0, result.ToString());
        server.Requests.Should().ContainSingle().Which.Headers.Authorization!.ToString().Should().Be("Bearer from-env");
    }

    [Fact]
    public async Task Request_Unauthorized_PrintsTheProblemCode()
    {
        var server = new FakeServer(_ => Json(HttpStatusCode.Unauthorized, """{ "title": "A valid API key is required.", "status": 401, "code": "Unauthorized" }"""));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9"), key: "wrong") { Handler = server };

        var result = await cli.RunAsync("vip", "list");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("A valid API key is required.").And.Contain("Unauthorized").And.Contain("401");
    }

    [Fact]
    public async Task Request_RateLimitedOnce_RetriesAfterTheServersDelay()
    {
        var calls = 0;
        var server = new FakeServer(_ => ++calls == 1
            ? RateLimited(TimeSpan.Zero)
            : Json(HttpStatusCode.OK, """{ "items": [], "nextPageToken": null }"""));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = server };

        var result = await cli.RunAsync("vpc", "list");

        result.ExitCode.Should().Be(0, result.ToString());
        calls.Should().Be(2);
    }

    [Fact]
    public async Task Request_RateLimitedWithLongDelay_PrintsRateLimitedAndRetryAfter()
    {
        var server = new FakeServer(_ => RateLimited(TimeSpan.FromMinutes(5)));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = server };

        var result = await cli.RunAsync("vpc", "list");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("RateLimited").And.Contain("retry after 300 s");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Post_SendsAnIdempotencyKey()
    {
        var server = new FakeServer(_ => Json(HttpStatusCode.Created, """{ "id": "vpc-1", "name": "n", "cidr": "10.0.0.0/16", "createdAt": "2026-01-01T00:00:00Z" }"""));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = server };

        await cli.RunAsync("vpc", "create", "--name", "n", "--cidr", "10.0.0.0/16");

        server.Requests.Should().ContainSingle().Which.Headers.Contains("Idempotency-Key").Should().BeTrue();
    }

    [Fact]
    public async Task Request_NoServerListening_SaysSoAndExits1()
    {
        var cli = new CliRunner(new Uri("http://127.0.0.1:1"));

        var result = await cli.RunAsync("vip", "list");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("cannot reach the server at http://127.0.0.1:1/");
    }

    [Fact]
    public async Task Request_HtmlErrorPage_PrintsTheStatus()
    {
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>", Encoding.UTF8, "text/html") });
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = server };

        var result = await cli.RunAsync("vip", "show", "havip-x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("HTTP 502");
    }

    [Fact]
    public async Task Request_NotTheHaVipApi_SaysSoAndExits1()
    {
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>hello</html>", Encoding.UTF8, "application/json") });
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = server };

        var result = await cli.RunAsync("vip", "show", "havip-x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("not what the HaVip API sends");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") };

    private static HttpResponseMessage RateLimited(TimeSpan after)
    {
        var response = Json(HttpStatusCode.TooManyRequests, """{ "title": "Too many requests.", "status": 429, "code": "RateLimited" }""");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        return response;
    }
}
