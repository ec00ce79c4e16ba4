using System.Text.Json;
using HaVip.Contracts.Agents;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Incremental answers: over random sequences of changes (instances placed, moved, removed;
/// HAVIPs created, rebound, deleted; hosts re-registered elsewhere; subnets given IPv6), the state
/// an agent holds with each host's delta applied (<see cref="DesiredStates.Apply"/>) equals that
/// host's complete state of the same version, and that complete state equals one read with nothing
/// kept (<see cref="DesiredStateCache"/>): no answer is built from a subnet's older version. Runs on SQLite, and on PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class DesiredStateDeltaTests : IAsyncDisposable
{
    private static readonly string[] Hosts = ["hv1", "hv2", "hv3"];
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public DesiredStateDeltaTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DeltaAppliedToHeldState_EqualsCompleteState_OverRandomChanges(int seed)
    {
        var random = new Random(seed);
        var world = await RandomWorld.StartAsync(_world, Hosts, random);
        var held = new Dictionary<string, DesiredStateDto>();
        foreach (var host in Hosts)
        {
            held[host] = await _world.DesiredAsync(host);
        }
        var partial = 0;
        for (var step = 0; step < 40; step++)
        {
            var change = await world.ChangeAsync();
            var latest = await LatestReadAsync();
            foreach (var host in Hosts)
            {
                var delta = await (await _world.AgentAsync(host)).GetAsync<DesiredStateDto>(
                    $"/agent/v1/hosts/{host}/desired-state?after={held[host].Sequence}&wait=0&delta=true");
                var merged = DesiredStates.Apply(held[host], delta);
                merged.Should().NotBeNull($"seed {seed} step {step} ({change}): a delta over the state {host} holds");
                var complete = await _world.DesiredAsync(host);
                complete.Sequence.Should().Be(latest, "nothing changes while the hosts read");
                Content(merged!).Should().Be(Content(complete), $"seed {seed} step {step} ({change}), {host}: held state + delta = complete state");
                Content(complete).Should().Be(Content(await FreshAsync(host, latest)),
                    $"seed {seed} step {step} ({change}), {host}: the complete state served = one read afresh, nothing kept from an older version");
                if (delta.BaseSequence is not null && delta.ReplacedSubnets!.Count < complete.Subnets.Count)
                {
                    partial++;
                }
                held[host] = merged!;
            }
        }
        partial.Should().BeGreaterThan(0, "some answers carried only part of a host's subnets: deltas, not complete states");
    }

    /// <summary>The latest change, once this server's feed has read it (a delta covers what the feed read).</summary>
    private async Task<long> LatestReadAsync()
    {
        var latest = (await _world.DesiredAsync(Hosts[0])).Sequence;
        var feed = _app.Services.GetRequiredService<DesiredStateFeed>();
        await Eventually.GetAsync(() => Task.FromResult(feed.Seen), seen => seen >= latest, TimeSpan.FromSeconds(10), $"the feed reading change {latest}");
        return latest;
    }

    /// <summary>The host's complete state as a replica that kept nothing would read it (<see cref="DesiredStateCache"/> empty).</summary>
    private Task<DesiredStateDto> FreshAsync(string host, long sequence) => _app.ScopedAsync(sp =>
        new DesiredStateQuery(sp.GetRequiredService<HaVipDbContext>(), sp.GetRequiredService<IServiceScopeFactory>(),
            new DesiredStateCache(sp.GetRequiredService<DesiredStateFeed>())).BuildAsync(host, sequence, TestContext.Current.CancellationToken));

    private static string Content(DesiredStateDto state) =>
        JsonSerializer.Serialize(new { state.Subnets, state.Ports, state.HaVips }, ApiClient.Json);
}
