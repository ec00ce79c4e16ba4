using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// At most HaVip:MaxConcurrentCompleteSyncs complete desired states are computed at once: the
/// test holds that many slots itself (the N concurrent complete syncs), so the next complete
/// request that must read the database is the (N+1)th, refused with 503 and a Retry-After; a delta
/// is never refused, nor a complete state cut from what the replica keeps (<see cref="DesiredStateCache"/>).
/// </summary>
public sealed class CompleteSyncBoundTests : IAsyncDisposable
{
    private const int Bound = 2;
    private readonly HaVipApp _app = new() { Settings = new Dictionary<string, string> { ["HaVip:MaxConcurrentCompleteSyncs"] = $"{Bound}" } };
    private readonly AgentWorld _world;

    public CompleteSyncBoundTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CompleteSyncBeyondTheBound_Is503WithRetryAfter_DeltasAreNotRefused()
    {
        await _world.TwoHostsAsync();
        var held = await _world.DesiredAsync("hv1");
        var agent = await _world.AgentAsync("hv1");
        var slots = _app.Services.GetRequiredService<CompleteSyncSlots>();
        var taken = Enumerable.Range(0, Bound).Select(_ => slots.TryEnter()).ToList();
        try
        {
            taken.Should().AllSatisfy(s => s.Should().NotBeNull(), "the bound's slots were free");

            // hv2 never asked: its subnets are not kept, its complete state must be read.
            using var refused = await (await _world.AgentAsync("hv2")).Http.GetAsync("/agent/v1/hosts/hv2/desired-state", TestContext.Current.CancellationToken);
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            problem.Code.Should().Be("Unavailable");
            refused.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(1), "the default Retry-After, whole seconds");

            var delta = await agent.GetAsync<DesiredStateDto>($"/agent/v1/hosts/hv1/desired-state?after={held.Sequence}&wait=0&delta=true");
            delta.BaseSequence.Should().Be(held.Sequence, "a delta is answered while complete syncs are at the bound");
        }
        finally
        {
            taken.ForEach(s => s?.Dispose());
        }
        var complete = await (await _world.AgentAsync("hv2")).GetAsync<DesiredStateDto>("/agent/v1/hosts/hv2/desired-state");
        complete.Sequence.Should().Be(held.Sequence, "with a slot free the complete state is answered again");
    }

    [Fact]
    public async Task CompleteStateCutFromWhatIsKept_IsAnsweredWithEverySlotTaken()
    {
        await _world.TwoHostsAsync();
        var latest = await _app.ScopedAsync(sp => sp.GetRequiredService<DesiredStateQuery>().SequenceAsync(TestContext.Current.CancellationToken));
        var feed = _app.Services.GetRequiredService<DesiredStateFeed>();
        await Eventually.GetAsync(() => Task.FromResult(feed.Seen), seen => seen >= latest, TimeSpan.FromSeconds(10), $"the feed reading change {latest}");
        // Read once the feed caught up, hv1's subnets and their entries are kept.
        var first = await _world.DesiredAsync("hv1");
        var slots = _app.Services.GetRequiredService<CompleteSyncSlots>();
        var taken = Enumerable.Range(0, Bound).Select(_ => slots.TryEnter()).ToList();
        try
        {
            taken.Should().AllSatisfy(s => s.Should().NotBeNull(), "the bound's slots were free");
            var again = await _world.DesiredAsync("hv1");
            again.Should().BeEquivalentTo(first, "a complete state that reads nothing takes no slot: the hosts a change wakes join one read");
        }
        finally
        {
            taken.ForEach(s => s?.Dispose());
        }
    }
}
