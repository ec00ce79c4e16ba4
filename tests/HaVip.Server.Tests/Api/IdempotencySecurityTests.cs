using System.Net;
using System.Text;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Api;

/// <summary>
/// What an idempotency record may hold and to whom it is replayed: bound to the caller's key,
/// never holding a secret, size-capped; and the bounds that keep one request from being huge.
/// </summary>
public sealed class IdempotencySecurityTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new() { Settings = new Dictionary<string, string> { ["HaVip:Idempotency:MaxStoredResponseBytes"] = "2048" } };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CreateKey_ReplayedByATenantOfTheSameAccount_NeverGetsTheAdminSecret()
    {
        var tenant = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("tenant"))).Secret);
        var request = new CreateApiKeyRequest("second admin", Role: KeyRole.Admin);
        var key = Guid.NewGuid().ToString();
        var first = await _app.Api.ReadAsync<CreatedApiKeyDto>(await _app.Api.PostAsync("/v1/keys", request, key), HttpStatusCode.Created);

        var stolen = await tenant.PostAsync("/v1/keys", request, key);
        var stolenText = await stolen.Content.ReadAsStringAsync();
        var replay = await _app.Api.PostAsync("/v1/keys", request, key);

        stolenText.Should().NotContain(first.Secret);
        stolen.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a tenant key's request is its own, and a tenant may not create an admin key");
        var replayed = await _app.Api.ReadAsync<CreatedApiKeyDto>(replay, HttpStatusCode.Created);
        replayed.Key.Should().BeEquivalentTo(first.Key);
        replayed.Secret.Should().BeNull("a secret is shown once and never stored");
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        replay.Headers.GetValues("Secret-Omitted").Single().Should().Contain("shown only once");
        var bodies = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().IdempotencyRecords.Select(r => r.Body).ToListAsync());
        bodies.Should().NotBeEmpty().And.OnlyContain(b => !Encoding.UTF8.GetString(b).Contains(first.Secret));
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyFromAnotherKeyOfTheAccount_IsAFreshRequest()
    {
        var (_, subnet) = await _app.Api.NetworkAsync();
        var other = _app.ApiWithKey((await TestKeys.CreateAsync(_app.Api.Http, new CreateApiKeyRequest("other", Role: KeyRole.Admin))).Secret);
        var request = new CreateHaVipRequest("mine", NetworkType.Internal, subnet.Id);
        var key = Guid.NewGuid().ToString();

        var a = await _app.Api.ReadAsync<HaVipDto>(await _app.Api.PostAsync("/v1/havips", request, key), HttpStatusCode.Created);
        var b = await other.ReadAsync<HaVipDto>(await other.PostAsync("/v1/havips", request, key), HttpStatusCode.Created);

        b.Id.Should().NotBe(a.Id);
    }

    [Fact]
    public async Task BatchDelete_ResponseOverTheLimit_IsNotStored_AndARetryIsAClearProblem()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"havip-missing{i:D4}").ToArray();
        var key = Guid.NewGuid().ToString();

        var first = await _app.Api.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest(ids), key);
        var results = await _app.Api.ReadAsync<BatchDeleteResponse>(first);
        var retry = await ApiClient.ProblemAsync(await _app.Api.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest(ids), key), HttpStatusCode.Conflict);

        results.Results.Should().HaveCount(40, "the first caller gets the whole answer");
        retry.Code.Should().Be("IdempotencyResponseNotStored");
        var stored = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().IdempotencyRecords.Select(r => r.Body.Length).ToListAsync());
        stored.Should().OnlyContain(length => length <= 2048);
    }

    [Theory]
    [InlineData(101, 10)]
    [InlineData(1, 65)]
    public async Task BatchDelete_TooManyOrTooLongIds_Is400NamingIds(int count, int length)
    {
        var ids = Enumerable.Range(0, count).Select(i => i.ToString("D3").PadRight(length, 'x')).ToArray();

        var problem = await ApiClient.ProblemAsync(await _app.Api.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest(ids)), HttpStatusCode.BadRequest);

        problem.Code.Should().Be("InvalidParameter");
        problem.Errors!.Keys.Should().Contain("ids");
    }

    [Fact]
    public async Task Post_BodyOverOneMebibyte_Is413()
    {
        var json = $"{{\"name\":\"big\",\"cidr\":\"10.0.0.0/16\",\"remark\":\"{new string('a', (1 << 20) + 1)}\"}}";

        var response = await _app.Api.PostRawAsync("/v1/vpcs", json);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
    }
}
