using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Auth;

/// <summary>Keys: who may do what with them, and that expiry and revocation take effect at once.</summary>
public sealed class KeyTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer hvk_NotAKeyAnybodyHas000000000000000000000000")]
    [InlineData("Bearer not a key at all")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task MissingOrBadKey_Is401Problem_WithoutDetailAboutIds(string? authorization)
    {
        var client = _app.ApiWithKey(null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/havips/havip-abcdefgh1234");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.Http.SendAsync(request);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        problem.Code.Should().Be("Unauthorized");
        problem.Detail.Should().NotContain("havip-abcdefgh1234");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
    }

    [Fact]
    public async Task Create_ShowsSecretOnce_ListShowsPrefixOnly_AndTheKeyWorks()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("ci"));

        created.Secret.Should().StartWith(created.Key.Prefix);
        var listed = await _app.Api.Http.GetStringAsync("/v1/keys?pageSize=100");
        listed.Should().Contain(created.Key.Prefix).And.NotContain(created.Secret);
        (await _app.ApiWithKey(created.Secret).Http.GetAsync("/v1/havips")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_TakesEffectOnTheNextRequest()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("soon revoked"));
        var client = _app.ApiWithKey(created.Secret);
        (await client.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _app.Api.Http.DeleteAsync($"/v1/keys/{created.Key.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _app.Api.GetAsync<ApiKeyDto>($"/v1/keys/{created.Key.Id}")).RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Expire_WithATimeInThePast_EndsTheKeyNow()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("expiring", ExpiresAt: DateTime.UtcNow.AddDays(1)));
        var client = _app.ApiWithKey(created.Secret);
        (await client.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _app.Api.PatchAsync($"/v1/keys/{created.Key.Id}", new UpdateApiKeyRequest(ExpiresAt: DateTime.UtcNow.AddDays(-1)))).EnsureSuccessStatusCode();

        (await client.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_Invalid_ReportsEveryField()
    {
        var response = await _app.Api.PostAsync("/v1/keys", new CreateApiKeyRequest("", Role: KeyRole.Agent, ExpiresAt: DateTime.UtcNow.AddMinutes(-1), RateLimitPerSecond: 0));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!.Keys.Should().BeEquivalentTo(["name", "host", "expiresAt", "rateLimitPerSecond"]);
    }

    [Fact]
    public async Task TenantKey_CannotMakeAdminKeys_NorUseAdminEndpoints()
    {
        var tenant = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("tenant"))).Secret);

        (await ApiClient.ProblemAsync(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("escalate", Role: KeyRole.Admin)), HttpStatusCode.Forbidden))
            .Code.Should().Be("Forbidden");
        (await ApiClient.ProblemAsync(await tenant.Http.GetAsync("/v1/accounts"), HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await ApiClient.ProblemAsync(await tenant.Http.GetAsync("/v1/audit"), HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await tenant.GetAsync<Page<ApiKeyDto>>("/v1/keys")).Items.Should().OnlyContain(k => k.Role == KeyRole.Tenant, "a tenant sees no admin or agent key");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task NewServer_WithoutBootstrapKey_WritesAdminKeyFile_OwnerOnly_ThatWorks()
    {
        await using var app = new HaVipApp { KnownAdminKey = false };
        _ = app.Server;
        var file = Path.Combine(app.DataDir, "admin.key");

        File.Exists(file).Should().BeTrue();
        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = (await File.ReadAllTextAsync(file)).Trim();
        var admin = app.ApiWithKey(key);
        (await admin.Http.GetAsync("/v1/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
