using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Api;

/// <summary>Idempotency records live 24 hours by default: no replay after that, and the leader deletes them.</summary>
public sealed class IdempotencyExpiryTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task Retry_AfterTheRecordExpired_RunsAgain()
    {
        // The cleanup waits a week here, so the retry finds the expired record still stored.
        await using var app = new HaVipApp { Time = new FakeTimeProvider(DateTimeOffset.UtcNow), Settings = new Dictionary<string, string> { ["HaVip:Idempotency:CleanupInterval"] = "7.00:00:00" } };
        var request = new CreateVpcRequest("again", "10.9.0.0/16");
        var key = Guid.NewGuid().ToString();
        var first = await app.Api.ReadAsync<VpcDto>(await app.Api.PostAsync("/v1/vpcs", request, key), HttpStatusCode.Created);
        app.Time!.Advance(Day - TimeSpan.FromMinutes(1));
        var replayed = await app.Api.ReadAsync<VpcDto>(await app.Api.PostAsync("/v1/vpcs", request, key), HttpStatusCode.Created);

        app.Time.Advance(TimeSpan.FromMinutes(2));
        var fresh = await app.Api.ReadAsync<VpcDto>(await app.Api.PostAsync("/v1/vpcs", request, key), HttpStatusCode.Created);

        replayed.Id.Should().Be(first.Id, "within 24 hours the first answer is replayed");
        fresh.Id.Should().NotBe(first.Id, "after 24 hours the record is gone and the request runs again");
    }

    [Fact]
    public async Task Leader_DeletesExpiredRecords()
    {
        await using var app = new HaVipApp { Time = new FakeTimeProvider(DateTimeOffset.UtcNow), Settings = new Dictionary<string, string> { ["HaVip:Idempotency:CleanupInterval"] = "00:10:00" } };
        var keys = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToArray();
        foreach (var key in keys)
        {
            (await app.Api.PostAsync("/v1/vpcs", new CreateVpcRequest("kept a day", "10.8.0.0/16"), key)).StatusCode.Should().Be(HttpStatusCode.Created);
        }
        (await CountAsync(app)).Should().Be(keys.Length);

        app.Time!.Advance(Day + TimeSpan.FromMinutes(10));

        // The leader's cleanup deletes records a day old within 10 s of its tick (it is a few small deletes).
        (await Eventually.GetAsync(() => CountAsync(app), left => left == 0, TimeSpan.FromSeconds(10), "records a day old deleted by the leader's cleanup")).Should().Be(0);
    }

    private static Task<int> CountAsync(HaVipApp app) =>
        app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().IdempotencyRecords.CountAsync());
}
