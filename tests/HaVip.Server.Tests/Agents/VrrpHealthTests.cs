using System.Net;
using HaVip.Contracts.Api;
using HaVip.Domain.Health;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Through the agent report API on the server's virtual clock: what a HAVIP shows of its cluster,
/// and each finding entered at its moment (docs/vrrp-observation.md), never by sleeping.
/// </summary>
public sealed class VrrpHealthTests : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public VrrpHealthTests()
    {
        // These tests move the clock past the hosts' 15 s liveness threshold without agent contact;
        // host liveness is HostStaleHealthTests' subject, not theirs.
        _app = new HaVipApp { Time = _time, Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00" } };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task HealthyPair_ShowsMasterAdvertising_ThenSplitBrainAtIntervalPlusMargin_ThenHeals()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));

        var healthy = await _world.GetVipAsync(vip.Id);
        healthy.Vrrp.Should().BeEquivalentTo(new[]
        {
            new VrrpInstanceDto(a.Id, true, 150, 1000, vrid, 2, _time.GetUtcNow().UtcDateTime),
            new VrrpInstanceDto(b.Id, false, null, null, null, null, null),
        });
        healthy.Health!.Status.Should().Be("ok");

        // The adverts between them are lost: b becomes master later and advertises too.
        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress));
        _time.Advance(TimeSpan.FromSeconds(1) + ClusterHealth.Margin - Tick);
        (await _world.GetVipAsync(vip.Id)).Health!.Status.Should().Be("ok", "one advert interval plus the margin has not passed");
        _time.Advance(Tick);
        var split = (await _world.GetVipAsync(vip.Id)).Health!;
        split.Findings.Should().ContainSingle().Which.Should().Match<HealthFindingDto>(f => f.Code == "SplitBrain" && f.Instances.Count == 2);

        // b yields: its agent says so at its last advert + Master_Down_Interval (RFC 3768 §6.1, priority 100: 3.609375 s).
        _time.Advance(TimeSpan.FromMicroseconds(3_609_375));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress) with { Advertising = false, AgeMilliseconds = 3609 });
        (await _world.GetVipAsync(vip.Id)).Health!.Status.Should().Be("ok");
    }

    [Fact]
    public async Task AllSilent_NoMaster_AtTheLatestSilence_ANeverHeardInstanceCountingFromItsBinding()
    {
        var bound = _time.GetUtcNow();
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));
        // a's agent declares it silent at its last advert + 3 s + 106/256 s (RFC 3768 §6.1, priority 150).
        _time.Advance(TimeSpan.FromMicroseconds(3_414_062));
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false, AgeMilliseconds = 3414 });

        // b was never heard: it counts as silent from its binding plus keepalived's default Master_Down_Interval.
        _time.Advance(bound + ClusterHealth.DefaultMasterDownInterval - _time.GetUtcNow() - Tick);
        (await _world.GetVipAsync(vip.Id)).Health!.Findings.Should().NotContain(f => f.Code == "NoMaster");
        _time.Advance(Tick);
        var finding = (await _world.GetVipAsync(vip.Id)).Health!.Findings.Should().ContainSingle(f => f.Code == "NoMaster").Subject;
        finding.Since.Should().Be((bound + ClusterHealth.DefaultMasterDownInterval).UtcDateTime);
    }

    [Fact]
    public async Task ConfigMismatch_NamesTheField_AgainstTheGeneratedConf()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);

        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { AdvertIntervalMilliseconds = 2000 });

        var finding = (await _world.GetVipAsync(vip.Id)).Health!.Findings.Should().ContainSingle(f => f.Code == "ConfigMismatch").Subject;
        finding.Message.Should().Contain($"advertInterval: {a.Id} 2000 ms, generated keepalived.conf 1000 ms");
    }

    [Fact]
    public async Task Report_ForAnotherHostsInstance_IsForbidden_AndBadFieldsAre400()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();

        var foreign = await (await _world.AgentAsync("hv2")).PostAsync("/agent/v1/vrrp-adverts", AgentWorld.Advert(a.Id, 51, 100, vip.IpAddress));
        var bad = await (await _world.AgentAsync("hv1")).PostAsync("/agent/v1/vrrp-adverts", AgentWorld.Advert(a.Id, 0, 300, "not-an-ip"));

        foreign.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await bad.Content.ReadAsStringAsync();
        body.Should().Contain("virtualRouterId").And.Contain("priority").And.Contain("addresses");
    }
}
