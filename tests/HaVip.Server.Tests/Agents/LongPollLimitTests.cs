using System.Net;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>The desired-state long-poll: its wait is validated, and one agent key holds at most one waiting poll.</summary>
public sealed class LongPollLimitTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public LongPollLimitTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e300")]
    [InlineData("61")]
    public async Task DesiredState_WaitOutOfRange_Is400Problem(string wait)
    {
        await _world.TwoHostsAsync();
        var current = (await _world.DesiredAsync("hv1")).Sequence;

        var response = await (await _world.AgentAsync("hv1")).Http.GetAsync($"/agent/v1/hosts/hv1/desired-state?after={current}&wait={wait}");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors.Should().ContainKey("wait");
    }

    [Fact]
    public async Task LongPoll_FiftyConcurrentWithOneKey_AtMostOneWaits()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var agent = await _world.AgentAsync("hv1");
        var current = (await _world.DesiredAsync("hv1")).Sequence;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        // The wait (20 s) outlasts the test's own waits below, so a poll that completes before the
        // change was replaced, not timed out.
        var polls = Enumerable.Range(0, 50)
            .Select(_ => agent.Http.GetAsync($"/agent/v1/hosts/hv1/desired-state?after={current}&wait=20", stop.Token))
            .ToArray();
        var replaced = new List<HttpResponseMessage>();
        var pending = polls.ToList();
        while (replaced.Count < 49)
        {
            var done = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(15));
            pending.Remove(done);
            replaced.Add(await done);
        }

        pending.Should().ContainSingle("one key holds one waiting poll; {0} answered before any change", replaced.Count);
        foreach (var response in replaced)
        {
            (await ApiClient.ProblemAsync(response, HttpStatusCode.Conflict)).Code.Should().Be("PollReplaced");
        }
        (await _world.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{a.Id}")).EnsureSuccessStatusCode();
        var last = await pending[0].WaitAsync(TimeSpan.FromSeconds(15));
        last.StatusCode.Should().Be(HttpStatusCode.OK, "the surviving poll answers the change");
    }

    [Fact]
    public async Task Metrics_PollsWaiting_CountTheAgentsAttachedToThisReplica()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var current = (await _world.DesiredAsync("hv1")).Sequence;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var admin = _world.Api.Http;
        const string None = "havip_agent_polls_waiting{} 0";
        (await admin.GetStringAsync("/metrics", stop.Token)).Should().Contain(None, "no agent polls yet");

        var polls = new[] { "hv1", "hv2" }
            .Select(async h => await (await _world.AgentAsync(h)).Http.GetAsync($"/agent/v1/hosts/{h}/desired-state?after={current}&wait=30", stop.Token))
            .ToArray();

        await Eventually.GetAsync(() => admin.GetStringAsync("/metrics", stop.Token), t => t.Contains("havip_agent_polls_waiting{} 2", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "both agents' polls counted while they wait");
        // A change to their subnet answers both polls.
        (await admin.DeleteAsync($"/v1/havips/{vip.Id}/instances/{a.Id}", stop.Token)).EnsureSuccessStatusCode();
        foreach (var poll in polls)
        {
            (await poll.WaitAsync(TimeSpan.FromSeconds(15), stop.Token)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        await Eventually.GetAsync(() => admin.GetStringAsync("/metrics", stop.Token), t => t.Contains(None, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the answered polls no longer counted");
    }
}
