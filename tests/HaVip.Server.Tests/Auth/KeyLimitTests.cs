using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Auth;

/// <summary>A tenant key cannot give itself or another key more than it has: rate, life, or number of keys.</summary>
public sealed class KeyLimitTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new() { RateLimitPerSecond = 200 };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Tenant_CannotCreateAKeyAboveItsOwnRateLimit_AndANewKeyInheritsIt()
    {
        var tenant = await TenantAsync(new CreateApiKeyRequest("slow", RateLimitPerSecond: 50));

        var faster = await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("faster", RateLimitPerSecond: 51));
        var same = await tenant.ReadAsync<CreatedApiKeyDto>(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("same", RateLimitPerSecond: 50)), HttpStatusCode.Created);
        var unstated = await tenant.ReadAsync<CreatedApiKeyDto>(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("unstated")), HttpStatusCode.Created);

        var problem = await ApiClient.ProblemAsync(faster, HttpStatusCode.Forbidden);
        problem.Code.Should().Be("Forbidden");
        problem.Errors!.Keys.Should().BeEquivalentTo(["rateLimitPerSecond"]);
        same.Key.RateLimitPerSecond.Should().Be(50);
        unstated.Key.RateLimitPerSecond.Should().Be(50, "a key that does not say takes its creator's limit, not the server's higher default");
    }

    [Fact]
    public async Task Tenant_OnTheServerDefault_CannotCreateAFasterKey_AnAdminCan()
    {
        var tenant = await TenantAsync(new CreateApiKeyRequest("default rate"));

        var faster = await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("faster", RateLimitPerSecond: 201));

        (await ApiClient.ProblemAsync(faster, HttpStatusCode.Forbidden)).Errors!.Keys.Should().BeEquivalentTo(["rateLimitPerSecond"]);
        (await _app.Api.PostAsync("/v1/keys", new CreateApiKeyRequest("admin-made", RateLimitPerSecond: 5000))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(10_001)]
    [InlineData(1_000_000)]
    public async Task AnyKey_AboveThePlatformBound_Is400(int rate)
    {
        var response = await _app.Api.PostAsync("/v1/keys", new CreateApiKeyRequest("too fast", RateLimitPerSecond: rate));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!["rateLimitPerSecond"].Single().Should().Contain("10000");
    }

    [Fact]
    public async Task Tenant_CannotCreateAKeyOutlivingItself_AndANewKeyInheritsItsExpiry()
    {
        var expires = DateTime.UtcNow.AddHours(1);
        var tenant = await TenantAsync(new CreateApiKeyRequest("an hour", ExpiresAt: expires));

        var longer = await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("longer", ExpiresAt: DateTime.UtcNow.AddYears(70)));
        var shorter = await tenant.ReadAsync<CreatedApiKeyDto>(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("shorter", ExpiresAt: expires.AddMinutes(-30))), HttpStatusCode.Created);
        var unstated = await tenant.ReadAsync<CreatedApiKeyDto>(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("unstated")), HttpStatusCode.Created);

        (await ApiClient.ProblemAsync(longer, HttpStatusCode.Forbidden)).Errors!.Keys.Should().BeEquivalentTo(["expiresAt"]);
        shorter.Key.ExpiresAt.Should().BeCloseTo(expires.AddMinutes(-30), TimeSpan.FromMilliseconds(1));
        unstated.Key.ExpiresAt.Should().NotBeNull("a key expiring in an hour cannot make one that never expires");
        unstated.Key.ExpiresAt!.Value.Should().BeCloseTo(expires, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Tenant_PatchingExpiry_MayOnlyShorten_AnAdminMayExtend()
    {
        var expires = DateTime.UtcNow.AddHours(1);
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("an hour", ExpiresAt: expires));
        var tenant = _app.ApiWithKey(created.Secret);

        var extended = await tenant.PatchAsync($"/v1/keys/{created.Key.Id}", new UpdateApiKeyRequest(ExpiresAt: new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var shortened = await tenant.ReadAsync<ApiKeyDto>(await tenant.PatchAsync($"/v1/keys/{created.Key.Id}", new UpdateApiKeyRequest(ExpiresAt: expires.AddMinutes(-10))));

        (await ApiClient.ProblemAsync(extended, HttpStatusCode.Forbidden)).Errors!.Keys.Should().BeEquivalentTo(["expiresAt"]);
        shortened.ExpiresAt!.Value.Should().BeCloseTo(expires.AddMinutes(-10), TimeSpan.FromMilliseconds(1));
        var byAdmin = await _app.Api.ReadAsync<ApiKeyDto>(await _app.Api.PatchAsync($"/v1/keys/{created.Key.Id}", new UpdateApiKeyRequest(ExpiresAt: expires.AddDays(1))));
        byAdmin.ExpiresAt!.Value.Should().BeCloseTo(expires.AddDays(1), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ExpiredKey_CannotReviveItself_NorBeRevivedByATenant()
    {
        var expired = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("expired", ExpiresAt: DateTime.UtcNow.AddHours(1)));
        var tenant = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("other tenant key"))).Secret);
        (await _app.Api.PatchAsync($"/v1/keys/{expired.Key.Id}", new UpdateApiKeyRequest(ExpiresAt: DateTime.UtcNow.AddDays(-1)))).EnsureSuccessStatusCode();
        var revive = new UpdateApiKeyRequest(ExpiresAt: new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var itself = await _app.ApiWithKey(expired.Secret).PatchAsync($"/v1/keys/{expired.Key.Id}", revive);
        var byTenant = await tenant.PatchAsync($"/v1/keys/{expired.Key.Id}", revive);

        (await ApiClient.ProblemAsync(itself, HttpStatusCode.Unauthorized)).Code.Should().Be("Unauthorized");
        (await ApiClient.ProblemAsync(byTenant, HttpStatusCode.Forbidden)).Errors!.Keys.Should().BeEquivalentTo(["expiresAt"]);
        (await _app.ApiWithKey(expired.Secret).Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the key stays expired");
    }

    [Fact]
    public async Task RevokedKey_CannotChangeItself()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("revoked"));
        (await _app.Api.Http.DeleteAsync($"/v1/keys/{created.Key.Id}")).EnsureSuccessStatusCode();

        var rename = await _app.ApiWithKey(created.Secret).PatchAsync($"/v1/keys/{created.Key.Id}", new UpdateApiKeyRequest(Name: "back"));

        (await ApiClient.ProblemAsync(rename, HttpStatusCode.Unauthorized)).Code.Should().Be("Unauthorized");
        (await _app.Api.GetAsync<ApiKeyDto>($"/v1/keys/{created.Key.Id}")).Name.Should().Be("revoked");
    }

    [Fact]
    public async Task Account_HoldsAtMost50LiveKeys_ARevokedOneMakesRoom()
    {
        var account = await _app.Api.ReadAsync<AccountDto>(await _app.Api.PostAsync("/v1/accounts", new CreateAccountRequest("many keys")), HttpStatusCode.Created);
        var first = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("first", AccountId: account.Id));
        var tenant = _app.ApiWithKey(first.Secret);
        var made = new List<CreatedApiKeyDto>();
        for (var i = 2; i <= 50; i++)
        {
            made.Add(await tenant.ReadAsync<CreatedApiKeyDto>(await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest($"key {i}")), HttpStatusCode.Created));
        }

        var fiftyFirst = await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("key 51"));

        var problem = await ApiClient.ProblemAsync(fiftyFirst, HttpStatusCode.Conflict);
        problem.Code.Should().Be("KeyLimitExceeded");
        problem.Detail.Should().Contain("50");
        (await tenant.Http.DeleteAsync($"/v1/keys/{made[0].Key.Id}")).EnsureSuccessStatusCode();
        (await tenant.PostAsync("/v1/keys", new CreateApiKeyRequest("key 51"))).StatusCode.Should().Be(HttpStatusCode.Created, "revoked keys do not count");
    }

    private async Task<ApiClient> TenantAsync(CreateApiKeyRequest request) =>
        _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, request)).Secret);
}
