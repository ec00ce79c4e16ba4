using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Console.Login;
using HaVip.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HaVip.Server.Tests.Auth;

/// <summary>
/// Guessing keys from one address: the address's budget of failed attempts runs out and every
/// further guess is a 429 without being checked. The budget here refills once in 1000 s, so no
/// refill can land inside a test.
/// </summary>
public sealed class FailedKeyAttemptTests : IAsyncDisposable
{
    private const int Burst = 5;
    private readonly HaVipApp _app = new();
    private readonly WebApplicationFactory<Program> _server;

    public FailedKeyAttemptTests() => _server = _app.WithWebHostBuilder(b => b
        .UseSetting("Auth:FailedKeyAttemptsPerSecond", "0.001")
        .UseSetting("Auth:FailedKeyAttemptsBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task BadKeyGuesses_Get429WithRetryAfter_AKeyInUseIsNotBlocked_ANewOneWaits()
    {
        var admin = Client(TestKeys.Admin);
        // A valid key costs nothing; from its first use on it is known.
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var unused = await TestKeys.CreateAsync(admin.Http, new CreateApiKeyRequest("not used yet"));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Burst + 2; i++)
        {
            answers.Add((await Client($"hvk_Guess{i:D4}00000000000000000000000000000000000").Http.GetAsync("/v1/vpcs")).StatusCode);
        }
        var limited = await Client("hvk_OneMoreGuess000000000000000000000000000").Http.GetAsync("/v1/vpcs");

        answers.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Burst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)]);
        (await ApiClient.ProblemAsync(limited, HttpStatusCode.TooManyRequests)).Code.Should().Be("RateLimited");
        limited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK, "a key already in use from this address is not blocked by guesses");
        (await Client(unused.Secret).Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "a key never seen is checked only within the address's budget: otherwise a right guess would stand out");
    }

    [Fact]
    public async Task FailedSignIns_Get429WithRetryAfter_WithoutCheckingTheKey()
    {
        var browser = new ConsoleBrowser(_server);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Burst + 2; i++)
        {
            answers.Add((await browser.SignInAsync($"hvk_Guess{i:D4}00000000000000000000000000000000000")).StatusCode);
        }
        var rightKey = await browser.SignInAsync(TestKeys.Admin);

        answers.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Burst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)]);
        rightKey.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a key not yet seen on this server is not checked while the address is over its budget");
        rightKey.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await rightKey.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
    }

    private ApiClient Client(string key) => new(_server.CreateClient().WithKey(key));
}
