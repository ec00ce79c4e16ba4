using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// A pause of one small ack batch (the write gate busy, the process paused) is counted once per
/// batch ahead, not once per ack queued: the acks behind it are not refused for it. A refused
/// agent polls nothing until its Retry-After (jittered up to twice it) has passed, so a refusal
/// the queue did not need keeps the changes of its subnets from it for that long: the fleet bench's
/// changes "not done within 15 s" were hosts whose ack of the change was refused (docs/benchmarks.md, fleet16).
/// </summary>
public sealed class AckPauseTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public AckPauseTests()
    {
        // A budget of 450 ms: one ack behind a write paused 300 ms fits, two acks at 300 ms each would not.
        _app = new HaVipApp
        {
            Time = _time,
            Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00", ["HaVip:AckQueueBudget"] = "00:00:00.450" },
        };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AcksBehindOnePausedSmallBatch_FitInOneBatch_Queued_NotRefused()
    {
        var hosts = new[] { "hv1", "hv2", "hv3", "hv4" };
        for (var i = 0; i < hosts.Length; i++)
        {
            await _world.RegisterAsync(hosts[i], $"10.255.0.{11 + i}");
        }
        var api = _world.Api;
        var (vpc, subnet) = await api.NetworkAsync();
        var instances = new List<InstanceDto>();
        foreach (var host in hosts)
        {
            instances.Add(await api.InstanceAsync(vpc.Id, subnet.Id, host: host, name: $"i-{host}"));
        }
        // Every host of the subnet must apply it: each one's ack settles its row.
        var vip = await api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;
        var batcher = _app.Services.GetRequiredService<ReportBatcher>();
        var agents = new Dictionary<string, ApiClient>();
        foreach (var host in hosts)
        {
            agents[host] = await _world.AgentAsync(host);
        }
        Task<HttpResponseMessage> Ack(string host) => agents[host].PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence));

        // One batch written: the lane has measured its batches (at once here, on the test's clock).
        (await Ack("hv1")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Eventually.GetAsync(() => Task.FromResult(batcher.AckQueue), q => q == (0, 0), TimeSpan.FromSeconds(30), "the ack lane idle");

        Task<HttpResponseMessage> second, third, fourth;
        await using (await HeldWriter.HoldAsync(_app))
        {
            second = Ack("hv2");
            await Eventually.GetAsync(() => Task.FromResult(batcher.AckQueue), q => q.Writing == 1, TimeSpan.FromSeconds(30), "hv2's ack being written (held)");
            // hv2's batch of one has been held 300 ms.
            _time.Advance(TimeSpan.FromMilliseconds(300));
            third = Ack("hv3");
            await Eventually.GetAsync(() => Task.FromResult((batcher.AckQueue, third.IsCompleted)), x => x.AckQueue.Waiting == 1 || x.IsCompleted,
                TimeSpan.FromSeconds(30), "hv3's ack queued behind hv2's");
            fourth = Ack("hv4");
            var seen = await Eventually.GetAsync(() => Task.FromResult((batcher.AckQueue, fourth.IsCompleted)), x => x.AckQueue.Waiting == 2 || x.IsCompleted,
                TimeSpan.FromSeconds(30), "hv4's ack queued or answered");

            third.IsCompleted.Should().BeFalse("hv3's ack waits for its write behind the held one");
            var answered = seen.IsCompleted ? $"answered {(int)(await fourth).StatusCode} with Retry-After {(await fourth).Headers.RetryAfter}" : "waiting";
            seen.IsCompleted.Should().BeFalse(
                "hv3's and hv4's acks go in one batch after the paused one, estimated at its 300 ms, within the 450 ms budget; "
                + $"hv4's ack {answered}: the pause counted once per ack queued, and hv4's agent would poll nothing until its Retry-After passed");
        }

        foreach (var answer in new[] { second, third, fourth })
        {
            (await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "every host's ack was written");
    }
}
