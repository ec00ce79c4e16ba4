using System.Net;
using HaVip.Server.Access;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Auth;

/// <summary>
/// With the default Auth:KeyCacheTime a cached key is read again only after minutes, not seconds:
/// a thousand agents each asking about once a second would otherwise read every key again every few
/// seconds (revocation does not wait for it: <see cref="KeyCacheTests"/>).
/// </summary>
public sealed class KeyCacheTimeTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HaVipApp _app;

    public KeyCacheTimeTests() => _app = new HaVipApp { Time = _time };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task DefaultCacheTime_KeyReadOnceInAMinute_ReadAgainAfterFiveMinutes()
    {
        var keys = _app.Services.GetRequiredService<KeyStore>();
        var admin = _app.Api;
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var reads = keys.Reads;

        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(11));
            (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        keys.Reads.Should().Be(reads, "66 s after it was read the key is still cached");

        _time.Advance(TimeSpan.FromMinutes(5));
        (await admin.Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK);
        keys.Reads.Should().Be(reads + 1, "after the cache time the key is read again");
    }
}
