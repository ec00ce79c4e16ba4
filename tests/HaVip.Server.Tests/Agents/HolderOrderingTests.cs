using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Holder claims are ordered by the server's clock, never by the agents': a report dated far in
/// the future cannot freeze the master, and hosts whose clocks differ by the ±5 s the platform
/// tolerates are decided in the order the server received their claims.
/// </summary>
public sealed class HolderOrderingTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public HolderOrderingTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Holder_FutureDatedReport_DoesNotFreezeMaster()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        await ClaimAsync("hv1", new HolderReport(vip.Id, a.Id, new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id);

        await ClaimAsync("hv2", new HolderReport(vip.Id, b.Id, DateTime.UtcNow));

        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id, "a later genuine claim wins over one dated 9999-12-31");
        var events = await _world.EventsAsync(vip.Id);
        events.Should().OnlyContain(e => e.At.Year < 9999, "no event carries the forged date");
    }

    [Theory]
    [InlineData(5, -5)]
    [InlineData(-5, 5)]
    public async Task Holder_ClocksSkewedFiveSeconds_LaterReceiptWins(int hv1SkewSeconds, int hv2SkewSeconds)
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        DateTime Clock(int skew) => DateTime.UtcNow.AddSeconds(skew);

        await ClaimAsync("hv1", new HolderReport(vip.Id, a.Id, Clock(hv1SkewSeconds)));
        await ClaimAsync("hv2", new HolderReport(vip.Id, b.Id, Clock(hv2SkewSeconds)));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id, "hv2's claim was received last");

        await ClaimAsync("hv1", new HolderReport(vip.Id, a.Id, Clock(hv1SkewSeconds)));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id, "hv1's claim was received last");
    }

    private async Task ClaimAsync(string host, HolderReport report)
    {
        var response = await (await _world.AgentAsync(host)).PostAsync("/agent/v1/holders", report);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}
