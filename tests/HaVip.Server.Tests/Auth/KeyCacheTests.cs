using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Access;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Auth;

/// <summary>
/// Cached keys (<see cref="KeyStore"/>) outlive commits that change no key, and no longer than the
/// next one that does. The cache time is an hour here, so only a commit can end a cached key.
/// </summary>
public sealed class KeyCacheTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new() { Settings = new Dictionary<string, string> { ["Auth:KeyCacheTime"] = "01:00:00" } };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private KeyStore Keys => _app.Services.GetRequiredService<KeyStore>();

    [Fact]
    public async Task CommitChangingNoKey_KeepsKeysCached_AndARevocationStillEndsTheKeyAtOnce()
    {
        var created = await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("cached"));
        var tenant = _app.ApiWithKey(created.Secret);
        (await tenant.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK, "the live key is read and cached");
        var admin = _app.Api;
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var reads = Keys.Reads;

        // Commits that change no key: a VPC and a subnet.
        await admin.NetworkAsync();
        (await tenant.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        Keys.Reads.Should().Be(reads, "no commit since the keys were read changed a key");

        (await admin.Http.DeleteAsync($"/v1/keys/{created.Key.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await tenant.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the revocation is a change to a key: the cached key is read again");
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
