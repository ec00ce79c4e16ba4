using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// An ack that would wait longer than HaVip:AckQueueBudget behind the acks queued ahead is refused
/// at once with 503, the stable code Unavailable and a Retry-After of the estimate, instead of
/// running into the agent's 10 s timeout; once the queue is written it is accepted.
/// </summary>
public sealed class AckBackPressureTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public AckBackPressureTests()
    {
        // Hosts stay ready while the test moves the clock (liveness is HostStaleHealthTests' subject).
        _app = new HaVipApp { Time = _time, Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00" } };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Ack_BehindAQueueOutlastingTheBudget_Is503WithRetryAfter_AcceptedOnceWritten()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;

        // hv1's write has run 10 s for one ack: hv2's would be written 10 s from now, over the 5 s default budget.
        var refused = await BehindHeldAckAsync(sequence, TimeSpan.FromSeconds(10));

        refused.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(10), "the estimate: the held write's 10 s, hv2's ack after it");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "both hosts' acks were written, none lost to the refusal");
    }

    [Fact]
    public async Task Ack_SettlingMoreRowsThanTheOneWritten_EstimatedByItsRows_NotAsOneMoreAck()
    {
        // hv1 carries one HAVIP; hv2 carries that one and three more (another subnet, with hv3).
        var (_, _, _, subnet) = await _world.TwoHostsAsync();
        await _world.RegisterAsync("hv3", "10.255.0.13");
        var api = _world.Api;
        var other = await api.SubnetAsync(subnet.VpcId, "10.0.241.0/24");
        var onHv2 = await api.InstanceAsync(subnet.VpcId, other.Id, host: "hv2", name: "c");
        var onHv3 = await api.InstanceAsync(subnet.VpcId, other.Id, host: "hv3", name: "d");
        for (var i = 0; i < 3; i++)
        {
            await api.HaVipAsync(other, instanceIds: [onHv2.Id, onHv3.Id], name: $"vip{i}");
        }
        var sequence = (await _world.DesiredAsync("hv2")).Sequence;

        // hv1's ack, one row, has been written for 2 s: hv2's settles four rows.
        var refused = await BehindHeldAckAsync(sequence, TimeSpan.FromSeconds(2));

        refused.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(8),
            "hv2's ack settles four rows at the held write's 2 s a row: 8 s, over the 5 s budget (not 2 s, as one more ack like hv1's)");
    }

    [Fact]
    public async Task AckCarriedOnAPoll_BehindAQueueOutlastingTheBudget_Is503WithRetryAfter_NothingPolled()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;

        // As the POST's: hv2's ack, now on its poll, would be written 10 s from now, over the 5 s default budget.
        var refused = await BehindHeldAckAsync(sequence, TimeSpan.FromSeconds(10),
            hv2 => hv2.Http.GetAsync($"/agent/v1/hosts/hv2/desired-state?after={sequence}&wait=30&delta=true&applied={sequence}"));

        refused.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(10), "the poll's ack is estimated as the POST's is");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "both hosts' acks were written, none lost to the refusal");
    }

    /// <summary>
    /// hv1's ack of <paramref name="sequence"/> held in its write for <paramref name="held"/>, then
    /// hv2's: it must be refused at once (503 Unavailable), not queued behind the held write; hv1's
    /// is answered once written, and hv2's, sent again to the idle lane, is accepted.
    /// <paramref name="refusedAck"/> sends hv2's first ack (a POST unless given).
    /// </summary>
    private async Task<HttpResponseMessage> BehindHeldAckAsync(long sequence, TimeSpan held, Func<ApiClient, Task<HttpResponseMessage>>? refusedAck = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var batcher = _app.Services.GetRequiredService<ReportBatcher>();
        var hv1 = await _world.AgentAsync("hv1");
        var hv2 = await _world.AgentAsync("hv2");
        Task<HttpResponseMessage> first;
        HttpResponseMessage refused;
        await using (await HeldWriter.HoldAsync(_app))
        {
            first = hv1.PostAsync("/agent/v1/hosts/hv1/applied", new AppliedReport(sequence));
            await Eventually.GetAsync(() => Task.FromResult(batcher.AckQueue), q => q.Writing == 1, TimeSpan.FromSeconds(30), "hv1's ack being written (held)");
            _time.Advance(held);

            var refusing = refusedAck?.Invoke(hv2) ?? hv2.PostAsync("/agent/v1/hosts/hv2/applied", new AppliedReport(sequence));
            var answered = await Task.WhenAny(refusing, Task.Delay(TimeSpan.FromSeconds(30), ct));
            answered.Should().BeSameAs(refusing, "an ack the queue cannot write in time is answered at once, not queued behind the held write");
            refused = await refusing;
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            problem.Code.Should().Be("Unavailable");
            first.IsCompleted.Should().BeFalse("hv1's ack is answered only once written");
        }

        (await first).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Eventually.GetAsync(() => Task.FromResult(batcher.AckQueue), q => q == (0, 0), TimeSpan.FromSeconds(30), "the ack lane idle");
        (await hv2.PostAsync("/agent/v1/hosts/hv2/applied", new AppliedReport(sequence))).StatusCode.Should().Be(HttpStatusCode.NoContent,
            "with nothing queued the ack is written at once, whatever it weighs");
        return refused;
    }
}
