using HaVip.Domain.Hosts;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// A HAVIP's health names the hosts of its bound instances that the platform no longer hears
/// (issue "A region, not a box"), on the server's virtual clock.
/// </summary>
public sealed class HostStaleHealthTests : IAsyncDisposable
{
    // The server's clock counts in microseconds (Clock.UtcNow: what every database keeps).
    private static readonly TimeSpan Tick = TimeSpan.FromMicroseconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HostStaleHealthTests()
    {
        _app = new HaVipApp { Time = _time };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task HostsFallSilent_HealthShowsHostStale_FromTheMomentTheyAreStale()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var lastContact = _time.GetUtcNow().UtcDateTime;

        _time.Advance(HostLiveness.DefaultStaleAfter);
        (await _world.GetVipAsync(vip.Id)).Health!.Findings.Should().NotContain(f => f.Code == "HostStale", "15 s of silence is not yet longer than the threshold");

        _time.Advance(Tick);
        var health = (await _world.GetVipAsync(vip.Id)).Health!;
        var finding = health.Findings.Should().ContainSingle(f => f.Code == "HostStale", "both hosts are silent past the threshold (saw {0})",
            string.Join("; ", health.Findings.Select(f => $"{f.Code} {f.Since:O} {f.Message}"))).Subject;
        finding.Instances.Should().BeEquivalentTo([a.Id, b.Id]);
        finding.Since.Should().Be(lastContact + HostLiveness.DefaultStaleAfter);
        finding.Message.Should().Contain("hv1").And.Contain("hv2");
    }
}
