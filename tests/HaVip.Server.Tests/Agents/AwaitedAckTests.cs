using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// An ack of a delta this replica sent goes to the write without the "settles anything?" read
/// (<see cref="AwaitedAcks"/>); every other ack is read first as before, and a wrong expectation
/// costs a write that settles nothing, never a lost ack. Runs on SQLite, and on PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class AwaitedAckTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public AwaitedAckTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private ReportBatcher Batcher => _app.Services.GetRequiredService<ReportBatcher>();

    [Fact]
    public async Task AckOfADeltaSent_SkipsTheSettleRead_AckOfACompleteStateReads()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var first = (await _world.DesiredAsync("hv1")).Sequence;
        var reads = Batcher.SettleReads;
        await _world.AckAsync("hv1", first);
        await _world.AckAsync("hv2", first);
        Batcher.SettleReads.Should().Be(reads + 2, "acks of complete states announce nothing: each asks whether it settles anything");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);

        (await _world.Api.PutAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds = new[] { a.Id } })).EnsureSuccessStatusCode();
        var deltas = new Dictionary<string, DesiredStateDto>();
        foreach (var host in new[] { "hv1", "hv2" })
        {
            deltas[host] = await DeltaAsync(host, first);
            deltas[host].ReplacedSubnets.Should().Equal([vip.SubnetId], $"the change touched {host}'s subnet");
        }
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating, "both hosts must apply the rebinding");
        reads = Batcher.SettleReads;
        await _world.AckAsync("hv1", deltas["hv1"].Sequence);
        await _world.AckAsync("hv2", deltas["hv2"].Sequence);

        Batcher.SettleReads.Should().Be(reads, "each ack covers the delta this replica sent its host: no read before the write");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "both acks were written");
        var statuses = (await _world.EventsAsync(vip.Id)).Where(e => e.Kind == "status").Select(e => e.Status);
        statuses.Should().Equal(HaVipState.Creating, HaVipState.Available, HaVipState.Creating, HaVipState.Available);

        await _world.AckAsync("hv1", deltas["hv1"].Sequence);
        Batcher.SettleReads.Should().Be(reads + 1, "the expectation was taken by the first ack: the same ack again is read, and settles nothing");
    }

    [Fact]
    public async Task AckOfADeltaSent_SettledMeanwhileElsewhere_AnsweredAndChangesNothing()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var first = (await _world.DesiredAsync("hv1")).Sequence;
        await _world.AckAsync("hv1", first);
        await _world.AckAsync("hv2", first);
        (await _world.Api.PutAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds = new[] { a.Id } })).EnsureSuccessStatusCode();
        var delta = await DeltaAsync("hv1", first);

        // hv1's ack reached another replica first (its write, straight to the writer), and hv2's too.
        await _app.ScopedAsync(async sp =>
        {
            await sp.GetRequiredService<ReportWriter>().AppliedAsync(
                [new HostApplied("hv1", delta.Sequence, new Dictionary<string, string>()), new HostApplied("hv2", delta.Sequence, new Dictionary<string, string>())],
                CancellationToken.None);
            return true;
        });
        var events = (await _world.EventsAsync(vip.Id)).Length;
        var reads = Batcher.SettleReads;

        await _world.AckAsync("hv1", delta.Sequence);

        Batcher.SettleReads.Should().Be(reads, "this replica sent the delta: the ack went to the write unread");
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
        (await _world.EventsAsync(vip.Id)).Length.Should().Be(events, "a write that finds nothing to settle records nothing");
        var rows = await _app.ScopedAsync(sp => Task.FromResult(sp.GetRequiredService<HaVipDbContext>().HostApplies
            .Where(r => r.HaVipId == vip.Id).OrderBy(r => r.Host).Select(r => new { r.Host, r.AppliedGeneration, r.Error }).ToList()));
        rows.Should().BeEquivalentTo(new[]
        {
            new { Host = "hv1", AppliedGeneration = delta.Sequence, Error = (string?)null },
            new { Host = "hv2", AppliedGeneration = delta.Sequence, Error = (string?)null },
        });
    }

    /// <summary>The host's delta since <paramref name="after"/>, once a change after it touched the host (a long-poll).</summary>
    private async Task<DesiredStateDto> DeltaAsync(string host, long after) =>
        await (await _world.AgentAsync(host)).GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state?after={after}&wait=30&delta=true");
}
