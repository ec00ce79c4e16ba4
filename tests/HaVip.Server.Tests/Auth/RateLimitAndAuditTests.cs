using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Access;
using HaVip.Server.Tests.Console.Login;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Auth;

public sealed class RateLimitAndAuditTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task KeyOverItsRate_Gets429Problem_WithRetryAfter_OtherKeysUnaffected()
    {
        var slow = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("slow", RateLimitPerSecond: 2))).Secret);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await slow.Http.GetAsync("/v1/vpcs"));
        }

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().NotBeEmpty("a bucket of 4 cannot serve 10 requests in a burst");
        limited[0].Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await ApiClient.ProblemAsync(limited[0], HttpStatusCode.TooManyRequests)).Code.Should().Be("RateLimited");
        (await _app.Api.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per key");
    }

    [Fact]
    public async Task DefaultLimit_AKeyWithoutItsOwnRate_Gets429WithRetryAfter_AfterItsBurst()
    {
        await using var server = new HaVipApp { RateLimitPerSecond = null };
        var defaults = new AuthOptions();
        var burst = (int)(defaults.RateLimitPerSecond * defaults.RateLimitBurstSeconds);
        var key = server.ApiWithKey((await TestKeys.CreateAsync(server.Api.Http, new CreateApiKeyRequest("default rate"))).Secret);

        // Sixteen at once, until the first 429: a bucket of `burst` refilled at the default rate
        // runs dry long before 20,000 answers unless the server answers fewer than that rate.
        var ok = 0;
        HttpResponseMessage? limited = null;
        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
        {
            if (Volatile.Read(ref limited) is not null)
            {
                return;
            }
            var response = await key.Http.GetAsync("/v1/vpcs/vpc-missing00", ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.CompareExchange(ref limited, response, null);
            }
            else if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Interlocked.Increment(ref ok);
            }
        });

        limited.Should().NotBeNull($"the default limit of {defaults.RateLimitPerSecond}/s refuses a key that asks faster ({ok} answered)");
        ok.Should().BeGreaterThanOrEqualTo(burst, "a key first gets the whole burst of the default rate");
        limited!.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await ApiClient.ProblemAsync(limited, HttpStatusCode.TooManyRequests)).Code.Should().Be("RateLimited");
    }

    [Fact]
    public async Task Audit_RecordsWhoWhatWhenAndResult_OfEveryChange()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("auditor-subject"));
        var tenant = _app.ApiWithKey(created.Secret);
        var vpc = await tenant.VpcAsync();
        var refused = await tenant.PostAsync("/v1/subnets", new CreateSubnetRequest(vpc.Id, "bad", "10.9.0.0/24", NetworkType.Internal));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await tenant.Http.GetAsync("/v1/vpcs");

        var audit = await _app.Api.GetAsync<Page<AuditEntryDto>>("/v1/audit?pageSize=100");

        var mine = audit.Items.Where(e => e.KeyId == created.Key.Id).ToList();
        mine.Should().HaveCount(2, "reads are not changes");
        mine.Should().ContainSingle(e => e.Method == "POST" && e.Path == "/v1/vpcs" && e.StatusCode == 201 && e.ResourceId == vpc.Id && e.Code == null);
        mine.Should().ContainSingle(e => e.Path == "/v1/subnets" && e.StatusCode == 400 && e.Code != null);
        mine.Should().OnlyContain(e => e.KeyPrefix == created.Key.Prefix && e.AccountId == created.Key.AccountId);
        audit.Items.Select(e => e.Id).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task ConsoleSession_CookieIsHttpOnlyAndStrict_AndEndsWithItsKey()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("console"));
        var browser = new ConsoleBrowser(_app);

        (await browser.Http.GetAsync("/vips")).Headers.Location!.ToString().Should().Contain("/login");
        var login = await browser.SignInAsync(created.Secret, "/vips");

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().Should().Be("/vips");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("havip_session=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API takes keys, not console cookies");

        (await _app.Api.Http.DeleteAsync($"/v1/keys/{created.Key.Id}")).EnsureSuccessStatusCode();

        (await browser.Http.GetAsync("/vips")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
