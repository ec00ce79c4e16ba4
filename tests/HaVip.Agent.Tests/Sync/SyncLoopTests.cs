using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HaVip.Agent.Arp;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace HaVip.Agent.Tests.Sync;

public sealed class SyncLoopTests : IDisposable
{
    private readonly AgentMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Run_PollReplaced_PausesStaysOnServerAndAppliesTheNextChange()
    {
        var polls = 0;
        var carried = new List<(int Poll, long Ack)>();
        var firstReplaced = 0L;
        var server = new FakeServer(request =>
        {
            if (request.Method != HttpMethod.Get)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            var poll = Interlocked.Increment(ref polls);
            if (FakeServer.Carried(request) is { } ack)
            {
                lock (carried)
                {
                    carried.Add((poll, ack));
                }
            }
            switch (poll)
            {
                case 1:
                    return FakeServer.State(1, request);
                case 2 or 3:
                    Interlocked.CompareExchange(ref firstReplaced, Stopwatch.GetTimestamp(), 0);
                    return FakeServer.Problem(HttpStatusCode.Conflict, "PollReplaced");
                case 4:
                    return FakeServer.State(2, request);
                default:
                    // Nothing new after version 2: held, as the server holds a poll until a change.
                    return null;
            }
        });
        var other = new FakeServer(_ => throw new HttpRequestException("the agent must not move to another replica for a replaced poll"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var loop = NewLoop(new ServerClient([server.Client, other.Client], "hv1"));

        var running = loop.RunAsync(stop.Token);
        var second = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=2", TimeSpan.FromSeconds(10));
        var paused = Stopwatch.GetElapsedTime(Interlocked.Read(ref firstReplaced));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        second.Line.Should().EndWith("&applied=2", "after two replaced polls the agent polled again, applied the change and acknowledged it on its next poll");
        lock (carried)
        {
            carried.Should().Equal([(2, 1L), (3, 1L), (4, 1L), (5, 2L)],
                "the ack of 1 rides on each poll until one is answered (each replaced poll followed by exactly one more), then the ack of 2");
        }
        // The agent's back-off after a replaced poll: at least half of 100 ms, then half of 200 ms
        // (ReconnectBackoff draws each from the upper half of its step); 20 ms margin for timer resolution.
        paused.Should().BeGreaterThanOrEqualTo((ReconnectBackoff.Initial / 2) + ReconnectBackoff.Initial - TimeSpan.FromMilliseconds(20));
        other.Requests.Reader.Count.Should().Be(0);
    }

    [Fact]
    public async Task Run_CompleteSyncRefusedWithRetryAfter_WaitsAtLeastThatLong_ThenApplies()
    {
        var polls = 0;
        var refusedAt = 0L;
        var server = new FakeServer(request =>
        {
            if (request.Method != HttpMethod.Get)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            if (Interlocked.Increment(ref polls) == 1)
            {
                Interlocked.Exchange(ref refusedAt, Stopwatch.GetTimestamp());
                var busy = FakeServer.Problem(HttpStatusCode.ServiceUnavailable, "Unavailable");
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return busy;
            }
            return FakeServer.Carried(request) is null ? FakeServer.State(1, request) : null;
        });
        var other = new FakeServer(_ => throw new HttpRequestException("a busy replica is not a failed one: the agent stays"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = NewLoop(new ServerClient([server.Client, other.Client], "hv1")).RunAsync(stop.Token);

        await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state", TimeSpan.FromSeconds(10));
        await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state", TimeSpan.FromSeconds(10));
        var waited = Stopwatch.GetElapsedTime(Interlocked.Read(ref refusedAt));
        var ack = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=1", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        // The agent's own back-off would have asked again after 50-100 ms; Retry-After says 1 s
        // (jitter only adds to it), less 20 ms for timer resolution.
        waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20));
        ack.Line.Should().EndWith("&applied=1", "after the wait the complete state came, was applied and acknowledged on the next poll");
        other.Requests.Reader.Count.Should().Be(0);
    }

    [Fact]
    public async Task Run_AckOnAPollRefusedWithRetryAfter_WaitsAtLeastThatLong_ThenSendsTheSamePollWithTheSameAck()
    {
        var polls = 0;
        var refusedAt = 0L;
        var server = new FakeServer(request =>
        {
            if (request.Method != HttpMethod.Get)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            switch (Interlocked.Increment(ref polls))
            {
                case 1:
                    return FakeServer.State(1, request);
                case 2:
                    Interlocked.Exchange(ref refusedAt, Stopwatch.GetTimestamp());
                    var busy = FakeServer.Problem(HttpStatusCode.ServiceUnavailable, "Unavailable");
                    busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                    return busy;
                default:
                    return null;
            }
        });
        var other = new FakeServer(_ => throw new HttpRequestException("a busy replica is not a failed one: the agent stays"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = NewLoop(new ServerClient([server.Client, other.Client], "hv1")).RunAsync(stop.Token);

        var first = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=1", TimeSpan.FromSeconds(10));
        var again = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state", TimeSpan.FromSeconds(10));
        var waited = Stopwatch.GetElapsedTime(Interlocked.Read(ref refusedAt));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        first.Line.Should().EndWith("&applied=1");
        // The agent's own back-off would have sent it again after 50-100 ms; Retry-After says 1 s
        // (jitter only adds to it), less 20 ms for timer resolution.
        waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20));
        again.Line.Should().Be(first.Line, "the same poll with the same ack: the state is applied and held, no complete state asked for again");
        server.Requests.Reader.TryPeek(out var post).Should().BeFalse($"nothing posted (saw {post.Line})");
        other.Requests.Reader.Count.Should().Be(0);
    }

    [Fact]
    public async Task Run_ServerBeforeAcksOnPolls_GetsTheAckPosted_RefusedThenSentAgainAfterRetryAfter_AndPostedAcksFromThenOn()
    {
        var polls = 0;
        var acks = 0;
        var pollsAtSecondAck = -1;
        var refusedAt = 0L;
        var server = new FakeServer(request =>
        {
            if (request.Method == HttpMethod.Put)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            if (request.Method == HttpMethod.Get)
            {
                // A server before acks on polls: it ignores applied=N and never names it. Version 1,
                // then 2; the polls after that are held, as the server holds them until a change.
                return Interlocked.Increment(ref polls) switch
                {
                    1 => FakeServer.State(1),
                    2 => FakeServer.State(2),
                    _ => null,
                };
            }
            if (Interlocked.Increment(ref acks) == 1)
            {
                Interlocked.Exchange(ref refusedAt, Stopwatch.GetTimestamp());
                var busy = FakeServer.Problem(HttpStatusCode.ServiceUnavailable, "Unavailable");
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return busy;
            }
            Interlocked.CompareExchange(ref pollsAtSecondAck, Volatile.Read(ref polls), -1);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var other = new FakeServer(_ => throw new HttpRequestException("a busy replica is not a failed one: the agent stays"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = NewLoop(new ServerClient([server.Client, other.Client], "hv1")).RunAsync(stop.Token);

        var carrying = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=1", TimeSpan.FromSeconds(10));
        await server.NextAsync("POST /agent/v1/hosts/hv1/applied", TimeSpan.FromSeconds(10));
        var again = await server.NextAsync("POST /agent/v1/hosts/hv1/applied", TimeSpan.FromSeconds(10));
        var waited = Stopwatch.GetElapsedTime(Interlocked.Read(ref refusedAt));
        var next = await server.NextAsync("POST /agent/v1/hosts/hv1/applied", TimeSpan.FromSeconds(10));
        var plainPoll = await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=2", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        carrying.Line.Should().EndWith("&applied=1", "the agent first carries its ack on the poll");
        // The agent's own back-off would have sent it again after 50-100 ms; Retry-After says 1 s
        // (jitter only adds to it), less 20 ms for timer resolution.
        waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20));
        again.Body.Should().Contain("\"sequence\":1", "the same ack, posted again");
        Volatile.Read(ref pollsAtSecondAck).Should().Be(2, "the state is applied and held: only its ack is sent again, nothing polled meanwhile");
        next.Body.Should().Contain("\"sequence\":2", "version 2's ack is posted: this server does not take acks on polls");
        plainPoll.Line.Should().NotContain("applied=", "acks are posted from then on, not carried");
        other.Requests.Reader.Count.Should().Be(0);
    }

    [Fact]
    public async Task Apply_IsAChildOfTheNewestChange_LinksTheOthers_AndItsAckRidesUnderIt()
    {
        var older = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var newest = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ApplyTracing.SourceName)
            .AddProcessor(new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(exported))).Build();
        var ackTrace = default(ActivityTraceId);
        var server = new FakeServer(request =>
        {
            if (FakeServer.Carried(request) is not null)
            {
                ackTrace = Activity.Current?.TraceId ?? default;
            }
            // Version 7 once; the polls after it are held, as the server holds them until a change:
            // answered at once with version 7 again, the loop polled in a tight circle that kept
            // this test's own continuation waiting for 30 s.
            return request.Method != HttpMethod.Get ? new HttpResponseMessage(HttpStatusCode.NoContent)
                : request.RequestUri!.Query.Contains("after=", StringComparison.Ordinal) ? null
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new DesiredStateDto("hv1", 7, [], [], [], [TraceParent(older), TraceParent(newest)]), options: ApiJson.Options) };
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var running = NewLoop(new ServerClient(server.Client, "hv1")).RunAsync(stop.Token);
        await server.NextAsync("GET /agent/v1/hosts/hv1/desired-state?after=7", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        // Other tests' loops in this process trace too: this one's apply is the one under this change.
        var apply = exported.Where(a => a.TraceId == newest.TraceId && a.OperationName == "apply").Should().ContainSingle().Subject;
        apply.OperationName.Should().Be("apply");
        apply.ParentSpanId.Should().Be(newest.SpanId);
        apply.Links.Select(l => l.Context.SpanId).Should().Equal(older.SpanId);
        apply.GetTagItem("havip.change.sequence").Should().Be(7L);
        ackTrace.Should().Be(newest.TraceId, "the ack rides on the next poll inside an activity under the apply, so that request carries the trace");
        exported.Where(a => a.OperationName == "ack" && a.TraceId == newest.TraceId).Should().ContainSingle()
            .Which.ParentSpanId.Should().Be(apply.SpanId, "the ack's activity, ended with its poll, is the apply's child");
    }

    private static string TraceParent(ActivityContext context) => $"00-{context.TraceId}-{context.SpanId}-01";

    private SyncLoop NewLoop(ServerClient client)
    {
        var kernel = new FakeKernel();
        var applier = new StateApplier(new LinkReconciler(kernel, "10.255.0.11"), kernel, _metrics, TimeProvider.System);
        var reporter = new Reporter(client, TimeProvider.System, NullLogger<Reporter>.Instance);
        var watchers = new PortWatchers(reporter, new HolderTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            new SpoofTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            new AdvertObserver(new AdvertTracker(TimeProvider.System), reporter, _metrics, NullLogger<AdvertObserver>.Instance),
            _metrics, TimeProvider.System, NullLogger<PortWatchers>.Instance);
        return new SyncLoop(client, applier, watchers, "10.255.0.11", NullLogger<SyncLoop>.Instance);
    }
}
