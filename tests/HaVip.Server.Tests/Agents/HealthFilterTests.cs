using HaVip.Contracts.Api;
using HaVip.Domain.Health;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// <c>GET /v1/havips?health=</c> and the gauge <c>havip_havips_by_finding</c> read the findings the
/// leader stored (HealthTimelineTests): a HAVIP in split brain is listed under it and counted, a
/// HAVIP without findings is <c>ok</c>.
/// </summary>
public sealed class HealthFilterTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HealthFilterTests()
    {
        _app = AgentWorld.HealthApp(_time);
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SplitBrain_IsListedUnderItsName_AndCounted_AnUnboundHaVipIsOk()
    {
        var (split, a, b, subnet) = await _world.TwoHostsAsync();
        var quiet = await _world.Api.HaVipAsync(subnet, name: "quiet");
        var vrid = await _world.VridAsync(split.Id, a.Id);
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, split.IpAddress));
        _time.Advance(TimeSpan.FromSeconds(10));
        // b becomes master too, with a lower priority: split brain after its interval plus the margin.
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, split.IpAddress));
        _time.Advance(TimeSpan.FromSeconds(1) + ClusterHealth.Margin);

        (await Eventually.GetAsync(() => IdsAsync("split-brain"), ids => ids != "", Wait, "HAVIPs in split brain")).Should().Be(split.Id);
        (await IdsAsync("SplitBrain")).Should().Be(split.Id, "the code is accepted as well as its name");
        (await IdsAsync("ok")).Should().Be(quiet.Id);
        (await IdsAsync("no-master")).Should().BeEmpty();
        var metrics = await _world.Api.Http.GetStringAsync("/metrics");
        metrics.Should().Contain("havip_havips_by_finding{finding=\"split-brain\"} 1").And.Contain("havip_havips_by_finding{finding=\"no-master\"} 0");
    }

    private async Task<string> IdsAsync(string health) =>
        string.Join(",", (await _world.Api.GetAsync<Page<HaVipDto>>($"/v1/havips?health={health}")).Items.Select(h => h.Id).Order(StringComparer.Ordinal));
}
