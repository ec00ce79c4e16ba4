using System.Net;
using HaVip.Contracts.Api;
using HaVip.Domain.Accounts;
using HaVip.Server.Access;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Security;

/// <summary>The audit log neither grows for ever on disk (retention) nor in memory (a bounded queue).</summary>
public sealed class AuditBoundsTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EntriesOlderThanRetention_AreDeleted_InBatches_NewerStay()
    {
        using var server = app.WithWebHostBuilder(b => b
            .UseSetting("Audit:Retention", "1.00:00:00")
            .UseSetting("Audit:RetentionCheckInterval", "00:00:00.050")
            .UseSetting("Audit:RetentionBatchSize", "2"));
        var now = DateTime.UtcNow;
        await using (var scope = server.Services.GetRequiredService<IServiceScopeFactory>().CreateAllAccountsScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            for (var i = 0; i < 7; i++)
            {
                db.AuditEntries.Add(Entry(now - TimeSpan.FromDays(2 + i), "old"));
            }
            db.AuditEntries.Add(Entry(now - TimeSpan.FromHours(1), "recent"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var left = await WaitForAsync(server, paths => !paths.Contains("old"));

        left.Should().Contain("recent");
    }

    [Fact]
    public async Task Queue_HoldsItsBound_TheRecorderWaitsForRoom()
    {
        var log = new AuditLog(capacity: 2);
        await log.RecordAsync(Entry(DateTime.UtcNow, "1"), CancellationToken.None);
        await log.RecordAsync(Entry(DateTime.UtcNow, "2"), CancellationToken.None);

        var third = log.RecordAsync(Entry(DateTime.UtcNow, "3"), CancellationToken.None).AsTask();

        third.IsCompleted.Should().BeFalse("the queue is full: the request waits instead of the queue growing");
        log.Depth.Should().Be(2);
        log.Pending.TryRead(out var first).Should().BeTrue();
        first!.Path.Should().Be("1");
        await third.WaitAsync(Wait, TestContext.Current.CancellationToken);
        log.Depth.Should().Be(2);
    }

    [Fact]
    public async Task Burst_WithATinyQueue_StoresEveryChange()
    {
        using var server = app.WithWebHostBuilder(b => b.UseSetting("Audit:QueueCapacity", "1"));
        using var client = server.CreateClient().WithKey();
        var api = new ApiClient(client);
        var marker = "burst-" + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => api.PostAsync("/v1/accounts", new CreateAccountRequest($"{marker}-{i}"))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        var audit = await api.GetAsync<Page<AuditEntryDto>>("/v1/audit?pageSize=100");
        var ids = responses.Select(r => r.Headers.Location!.ToString().Split('/')[^1]).ToHashSet();
        audit.Items.Where(e => e.ResourceId is not null && ids.Contains(e.ResourceId)).Should().HaveCount(24);
        (await client.GetStringAsync("/metrics")).Should().Contain("havip_audit_queue_depth");
    }

    private static AuditEntry Entry(DateTime at, string path) => new() { At = at, Method = "POST", Path = path, StatusCode = 201 };

    /// <summary>The entries' paths once <paramref name="done"/> holds; a timeout names the paths left (joined: a list prints as its type).</summary>
    private static async Task<List<string>> WaitForAsync(WebApplicationFactory<Program> server, Func<List<string>, bool> done) =>
        [.. (await Eventually.GetAsync(async () =>
        {
            await using var scope = server.Services.GetRequiredService<IServiceScopeFactory>().CreateAllAccountsScope();
            var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
            return string.Join(',', await db.AuditEntries.AsNoTracking().Select(e => e.Path).ToListAsync(TestContext.Current.CancellationToken));
        }, paths => done([.. paths.Split(',')]), Wait, "retention deleted the old entries")).Split(',')];
}
