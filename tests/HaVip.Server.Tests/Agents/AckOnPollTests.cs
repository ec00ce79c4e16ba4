using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// An agent's ack carried on its next desired-state poll (<c>applied=N</c>): taken as
/// <c>POST …/applied</c> of N without errors is, and named in the poll's answer, so an agent
/// learns that this server took it (an older server's answer does not name it).
/// </summary>
public sealed class AckOnPollTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public AckOnPollTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task PollCarryingTheAck_SettlesTheHaVip_AndNamesTheAckInItsAnswer()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;
        await _world.AckAsync("hv1", sequence);
        var plain = await PollAsync("hv2", $"after={sequence}&wait=0&delta=true");
        plain.AppliedTaken.Should().BeNull("this poll carried no ack");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating, "hv2 has not acknowledged");

        var answer = await PollAsync("hv2", $"after={sequence}&wait=0&delta=true&applied={sequence}");

        answer.AppliedTaken.Should().Be(sequence);
        answer.Sequence.Should().Be(sequence, "nothing changed since: the poll answers with the state held");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "hv2's ack, carried on its poll, was the last one missing");
        (await _world.EventsAsync(vip.Id)).Last().Message.Should().Be("status available");
    }

    [Fact]
    public async Task CompletePollCarryingTheAck_IsTakenToo()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;
        await _world.AckAsync("hv1", sequence);

        var answer = await PollAsync("hv2", $"applied={sequence}");

        answer.AppliedTaken.Should().Be(sequence);
        answer.BaseSequence.Should().BeNull("a poll without after is answered with a complete state");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task NegativeApplied_IsInvalidParameter_AndTakesNothing()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        await _world.AckAsync("hv1", (await _world.DesiredAsync("hv1")).Sequence);
        var hv2 = await _world.AgentAsync("hv2");

        var response = await hv2.Http.GetAsync("/agent/v1/hosts/hv2/desired-state?applied=-1", TestContext.Current.CancellationToken);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors.Should().ContainKey("applied");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating);
    }

    private async Task<DesiredStateDto> PollAsync(string host, string query)
    {
        var agent = await _world.AgentAsync(host);
        return await agent.GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state?{query}");
    }
}
