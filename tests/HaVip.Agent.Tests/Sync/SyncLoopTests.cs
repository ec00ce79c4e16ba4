using System.Diagnostics;
using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Agent.Tests.Sync;

public sealed class SyncLoopTests : IDisposable
{
    private readonly AgentMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Run_PollReplaced_PausesStaysOnServerAndAppliesTheNextChange()
    {
        var polls = 0;
        var pollsAtAck = new List<int>();
        var firstReplaced = 0L;
        var server = new FakeServer(request =>
        {
            if (request.Method == HttpMethod.Put)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            if (request.Method == HttpMethod.Post)
            {
                lock (pollsAtAck)
                {
                    pollsAtAck.Add(Volatile.Read(ref polls));
                }
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            switch (Interlocked.Increment(ref polls))
            {
                case 1:
                    return FakeServer.State(1);
                case 2 or 3:
                    Interlocked.CompareExchange(ref firstReplaced, Stopwatch.GetTimestamp(), 0);
                    return FakeServer.Problem(HttpStatusCode.Conflict, "PollReplaced");
                default:
                    return FakeServer.State(2);
            }
        });
        var other = new FakeServer(_ => throw new HttpRequestException("the agent must not move to another replica for a replaced poll"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var loop = NewLoop(new ServerClient([server.Client, other.Client], "hv1"));

        var running = loop.RunAsync(stop.Token);
        await server.NextAsync("POST /agent/v1/hosts/hv1/applied", TimeSpan.FromSeconds(10));
        var second = await server.NextAsync("POST /agent/v1/hosts/hv1/applied", TimeSpan.FromSeconds(10));
        var paused = Stopwatch.GetElapsedTime(Interlocked.Read(ref firstReplaced));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        second.Body.Should().Contain("\"sequence\":2", "after two replaced polls the agent polled again and acknowledged the change");
        lock (pollsAtAck)
        {
            pollsAtAck.Should().StartWith([1, 4], "each replaced poll was followed by exactly one more");
        }
        // The agent's back-off after a replaced poll: 100 ms, then 200 ms; 20 ms margin for timer resolution.
        paused.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
        other.Requests.Reader.Count.Should().Be(0);
    }

    private SyncLoop NewLoop(ServerClient client)
    {
        var kernel = new FakeKernel();
        var applier = new StateApplier(new LinkReconciler(kernel, "10.255.0.11"), kernel, _metrics, TimeProvider.System);
        var reporter = new Reporter(client, TimeProvider.System, NullLogger<Reporter>.Instance);
        var watchers = new PortWatchers(reporter, new HolderTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            new SpoofTracker(TimeProvider.System, TimeSpan.FromSeconds(5)), _metrics, TimeProvider.System, NullLogger<PortWatchers>.Instance);
        return new SyncLoop(client, applier, watchers, "10.255.0.11", NullLogger<SyncLoop>.Instance);
    }
}
