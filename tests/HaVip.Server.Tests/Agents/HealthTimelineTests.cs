using HaVip.Contracts.Api;
using HaVip.Domain.Health;
using HaVip.Server.HaVips;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The leader writes each finding's start and end into the HAVIP's timeline on the server's
/// virtual clock: a start at the finding's own moment (also one that comes by time alone, with no
/// write), an end at the report that ended it, each once.
/// </summary>
public sealed class HealthTimelineTests : IAsyncDisposable
{
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HealthTimelineTests()
    {
        _app = AgentWorld.HealthApp(_time);
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SplitBrainAndNoMaster_StartAndEndInTheTimeline_AtTheirMoments_Once()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));

        // A healthy pair: evaluated once, then not due again (no finding awaits its moment).
        _time.Advance(Round);
        await Eventually.GetAsync(() => DueAsync(vip.Id), due => due is null, Wait, "a healthy HAVIP no longer due");

        // b advertises too: SplitBrain enters one advert interval plus the margin later.
        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress));
        var splitSince = _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1) + ClusterHealth.Margin;
        _time.Advance(TimeSpan.FromSeconds(2));
        var started = await EventAsync(vip.Id, "findingStarted", "SplitBrain");
        started.At.Should().Be(splitSince);
        started.Instances.Should().BeEquivalentTo([a.Id, b.Id]);
        started.Message.Should().Contain("2 bound instances advertise at once");

        // b yields: its agent says so at its last advert + Master_Down_Interval (RFC 3768 §6.1, priority 100);
        // the end is the moment that report arrived.
        _time.Advance(TimeSpan.FromMicroseconds(3_609_375) - TimeSpan.FromSeconds(2));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress) with { Advertising = false, AgeMilliseconds = 3609 });
        var stoppedAt = _time.GetUtcNow().UtcDateTime;
        _time.Advance(Round);
        (await EventAsync(vip.Id, "findingEnded", "SplitBrain")).At.Should().Be(stoppedAt);

        // a stops as well: NoMaster comes by time alone, at a's last advert + its Master_Down_Interval.
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false });
        var silentAt = _time.GetUtcNow().UtcDateTime + TimeSpan.FromMicroseconds(3_414_062);
        _time.Advance(Round);
        await Eventually.GetAsync(() => DueAsync(vip.Id), due => due == HealthRecorder.DueAt(silentAt), Wait, "due at a's silence, on the due grid");
        _time.Advance(TimeSpan.FromSeconds(4));
        (await EventAsync(vip.Id, "findingStarted", "NoMaster")).At.Should().Be(silentAt);

        // Another replica (or this one after a restart) evaluating again writes nothing.
        var again = await _app.ScopedAsync(sp => sp.GetRequiredService<HealthRecorder>().RecordAsync(vip.Id, _time.GetUtcNow().UtcDateTime, CancellationToken.None));
        again.Should().Be(0);
        var findings = (await _world.EventsAsync(vip.Id)).Where(e => e.Finding is not null).Select(e => $"{e.Kind} {e.Finding}");
        findings.Should().Equal("findingStarted SplitBrain", "findingEnded SplitBrain", "findingStarted NoMaster");
    }

    [Fact]
    public async Task OneRound_EvaluatesEachDueHavip_AgainstItsOwnSubnetAndHosts()
    {
        // Two clusters evaluated in one batch: a split pair in one subnet, and in another subnet a
        // pair whose lone advertiser is healthy but whose second member runs on a host no agent knows.
        var (split, a, b, _) = await _world.TwoHostsAsync();
        var (vpc, subnet) = await _world.Api.NetworkAsync();
        var c = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "c");
        var d = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv9", name: "d");
        var quiet = await _world.Api.HaVipAsync(subnet, instanceIds: [c.Id, d.Id]);
        var vrid = await _world.VridAsync(split.Id, a.Id);
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, split.IpAddress));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, split.IpAddress));
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(c.Id, await _world.VridAsync(quiet.Id, c.Id), 100, quiet.IpAddress));

        _time.Advance(TimeSpan.FromSeconds(5));
        (await EventAsync(split.Id, "findingStarted", "SplitBrain")).Instances.Should().BeEquivalentTo([a.Id, b.Id]);
        var stale = await EventAsync(quiet.Id, "findingStarted", "HostStale");
        stale.Instances.Should().Equal(d.Id);
        stale.Message.Should().Contain("hv9").And.NotContain("hv2");
        (await _world.EventsAsync(split.Id)).Should().NotContain(e => e.Finding == "HostStale");
        (await _world.EventsAsync(quiet.Id)).Should().NotContain(e => e.Finding == "SplitBrain");
    }

    private async Task<HaVipEventDto> EventAsync(string vipId, string kind, string finding)
    {
        // Read as text, so that a timeout names the timeline it saw.
        await Eventually.GetAsync(async () => string.Join("; ", (await _world.EventsAsync(vipId)).Select(e => $"{e.Kind} {e.Finding} {e.At:O}")),
            timeline => timeline.Contains($"{kind} {finding} ", StringComparison.Ordinal), Wait, $"{kind} {finding}");
        return (await _world.EventsAsync(vipId)).Single(x => x.Kind == kind && x.Finding == finding);
    }

    private Task<DateTime?> DueAsync(string vipId) => _app.ScopedAsync(sp =>
        sp.GetRequiredService<HaVipDbContext>().HaVips.Where(h => h.Id == vipId).Select(h => h.HealthDueAt).SingleAsync());
}
