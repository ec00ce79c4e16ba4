using System.Net;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Console.Login;

/// <summary>The console's sign-in and sign-out over HTTP: where it sends you, who may post it, what it refuses.</summary>
public sealed class LoginEndpointTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/vips\r\nSet-Cookie: planted=1", "/")]
    [InlineData("/vips\n", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/vips/caf\u00e9", "/vips/caf%C3%A9")]
    [InlineData("/vips?name=web", "/vips?name=web")]
    public async Task SignIn_RedirectsOnlyToANormalizedLocalPath(string returnUrl, string expected)
    {
        var browser = new ConsoleBrowser(_app);

        var response = await browser.SignInAsync(TestKeys.Admin, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be(expected);
    }

    [Fact]
    public async Task SignIn_FromAnotherSite_IsRefused_AndStartsNoSession()
    {
        var browser = new ConsoleBrowser(_app);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = TestKeys.Admin, ["returnUrl"] = "/vips" }),
        };
        forged.Headers.Add("Origin", "http://evil.example");

        var response = await browser.Http.SendAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("another site");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("havip_session=", StringComparison.Ordinal));
        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session was started");
    }

    [Fact]
    public async Task SignOut_FromAnotherSite_IsRefused_TheSameSiteOneWorks()
    {
        var browser = new ConsoleBrowser(_app);
        (await browser.SignInAsync(TestKeys.Admin, "/vips")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.OK);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Origin", "http://evil.example");

        var refused = await browser.Http.SendAsync(forged);

        (await ApiClient.ProblemAsync(refused, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.OK, "the session survived");
        var signedOut = await browser.SignOutAsync();
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.Should().Be("/login");
        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.Redirect, "signed out");
    }

    [Theory]
    [InlineData("application/json", "{\"key\":\"" + TestKeys.Admin + "\"}")]
    [InlineData("text/plain", "key=" + TestKeys.Admin)]
    [InlineData(null, null)]
    public async Task SignIn_WithoutAForm_Is400Problem(string? contentType, string? body)
    {
        var browser = new ConsoleBrowser(_app);
        var request = new HttpRequestMessage(HttpMethod.Post, "/login");
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType!);
        }

        var response = await browser.Http.SendAsync(request);

        (await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("InvalidParameter");
    }
}
