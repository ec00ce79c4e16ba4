using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The server decides which bound instance serves the VIP in the write that stores VRRP reports
/// (docs/split-brain.md): the decision is the HAVIP's master, it is in the timeline with its
/// reason, it is counted, and a moved decision is a change the hosts see. On SQLite, and on
/// PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class ArbitrationTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public ArbitrationTests()
    {
        _app = AgentWorld.HealthApp(_time);
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SplitBrain_KeepsTheHigherPriority_IgnoresTheLosersClaims_MovesWhenTheChosenStops_LiftsWhenNoneAdvertises()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;

        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id);
        var afterFirst = (await _world.DesiredAsync("hv1")).Sequence;
        afterFirst.Should().BeGreaterThan(sequence, "a new decision is a change the hosts must fetch");

        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress));
        await ClaimAsync("hv2", new HolderReport(vip.Id, b.Id, _time.GetUtcNow().UtcDateTime));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id, "the loser's claim is dropped at its port while the decision stands");
        (await _world.DesiredAsync("hv1")).Sequence.Should().Be(afterFirst, "the same instance stays chosen: nothing for the hosts to change");

        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false });
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id);
        (await _world.DesiredAsync("hv2")).Sequence.Should().BeGreaterThan(afterFirst);

        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress) with { Advertising = false });

        var arbitrated = (await _world.EventsAsync(vip.Id)).Where(e => e.Kind == "arbitrated").Select(e => (e.InstanceId, e.Message));
        arbitrated.Should().Equal(
            (a.Id, $"{a.Id} advertises alone at priority 150; VIP on {a.Id}"),
            (a.Id, $"split brain: {b.Id} advertises priority 100 beside {a.Id} at 150; VIP kept on {a.Id}"),
            (b.Id, $"{b.Id} advertises alone at priority 100; VIP moved from {a.Id} to {b.Id}"),
            (null, $"no bound instance advertises; decision for {b.Id} lifted, the network follows claims"));
        var metrics = await _app.Api.Http.GetStringAsync("/metrics");
        metrics.Should().Contain("havip_arbitrations_total{reason=\"alone\"} 2")
            .And.Contain("havip_arbitrations_total{reason=\"priority\"} 1")
            .And.Contain("havip_arbitrations_total{reason=\"lifted\"} 1");
    }

    [Fact]
    public async Task DesiredState_CarriesTheDecision_ToEveryHostOfTheSubnet_UntilItIsLifted()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        (await _world.DesiredAsync("hv2")).HaVips.Single(v => v.Id == vip.Id).Decision.Should().BeNull("no instance advertises yet");

        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress));

        var expected = new HaVipDecisionDto(a.Id, a.Nics[0].MacAddress, a.Nics[0].IpAddress, vrid, 1000);
        (await _world.DesiredAsync("hv2")).HaVips.Single(v => v.Id == vip.Id).Decision.Should().Be(expected, "b's host drops b's claims while a is chosen");
        (await _world.DesiredAsync("hv1")).HaVips.Single(v => v.Id == vip.Id).Decision.Should().Be(expected, "every host of the subnet announces the chosen one");

        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false });
        (await _world.DesiredAsync("hv2")).HaVips.Single(v => v.Id == vip.Id).Decision.Should().BeNull("a lifted decision leaves the data path to follow claims");
    }

    [Fact]
    public async Task DesiredState_CarriesEveryBoundInstancesAdvertSource_ForTheSilenceRule()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        HaVipAdvertSourceDto[] sources = [.. new[] { a, b }.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new HaVipAdvertSourceDto(i.Id, i.Nics[0].IpAddress, 1000))];

        foreach (var host in new[] { "hv1", "hv2" })
        {
            var vrrp = (await _world.DesiredAsync(host)).HaVips.Single(v => v.Id == vip.Id).Vrrp;
            vrrp.Should().NotBeNull($"{host} applies VRRP's silence rule to its bound port without a decision");
            vrrp!.VirtualRouterId.Should().Be(vrid);
            vrrp.AdvertIntervalMilliseconds.Should().Be(1000);
            vrrp.Sources.Should().Equal(sources, "never seen advertising, each is assumed to run the generated interval");
        }
    }

    /// <summary>
    /// The hosts time each instance's adverts by the interval the platform observed (docs/split-brain.md,
    /// "Advert intervals"), not the generated configuration's: a report that changes it is a change the
    /// hosts fetch; one outside the bounds leaves the HAVIP to the claims on the hosts.
    /// </summary>
    [Fact]
    public async Task DesiredState_TimesAdvertsByTheObservedInterval_AChangeWakesTheHosts_OutsideTheBoundsNotTimed()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        VrrpReport V3(int intervalMs) => AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with
        {
            Version = 3,
            AdvertIntervalMilliseconds = intervalMs,
            AuthType = "None",
            MasterDownIntervalMicroseconds = 3_000L * intervalMs + (106L * intervalMs * 1000 / 256),
        };

        await _world.ReportVrrpAsync("hv1", V3(200));
        var first = await _world.DesiredAsync("hv2");
        var state = first.HaVips.Single(v => v.Id == vip.Id);
        state.Decision!.AdvertIntervalMilliseconds.Should().Be(200, "the chosen instance's adverts arm the decision every 200 ms, not every generated second");
        state.Vrrp!.Sources.Should().OnlyContain(s => s.AdvertIntervalMilliseconds == 200,
            "a is seen at 200 ms; b, never seen advertising, is assumed to run its peer's interval");

        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.ReportVrrpAsync("hv1", V3(300));
        var changed = await _world.DesiredAsync("hv2");
        changed.Sequence.Should().BeGreaterThan(first.Sequence, "the same decision, timed otherwise: a change the hosts must fetch");
        changed.HaVips.Single(v => v.Id == vip.Id).Decision!.AdvertIntervalMilliseconds.Should().Be(300);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.ReportVrrpAsync("hv1", V3(300) with { Priority = 140 });
        (await _world.DesiredAsync("hv2")).Sequence.Should().Be(changed.Sequence, "neither the decision nor the timing changed");

        // b advertises too, every 3 s (a split: a stays chosen), then stops: its 3 s is not assumed for its next adverts.
        _time.Advance(TimeSpan.FromSeconds(1));
        var slowB = AgentWorld.Advert(b.Id, vrid, 100, vip.IpAddress) with { AdvertIntervalMilliseconds = 3000, MasterDownIntervalMicroseconds = 9_000_000 + (156L * 3_000_000 / 256) };
        await _world.ReportVrrpAsync("hv2", slowB);
        var split = (await _world.DesiredAsync("hv1")).HaVips.Single(v => v.Id == vip.Id).Vrrp!.Sources;
        split.Single(s => s.InstanceId == b.Id).AdvertIntervalMilliseconds.Should().Be(3000);
        split.Single(s => s.InstanceId == a.Id).AdvertIntervalMilliseconds.Should().Be(300);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.ReportVrrpAsync("hv2", slowB with { Advertising = false });
        (await _world.DesiredAsync("hv1")).HaVips.Single(v => v.Id == vip.Id).Vrrp!.Sources.Single(s => s.InstanceId == b.Id).AdvertIntervalMilliseconds
            .Should().Be(300, "a backup is assumed to run its advertising peer's interval, not what it last advertised");
        changed = await _world.DesiredAsync("hv2");

        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.ReportVrrpAsync("hv1", V3(10));
        var untimed = await _world.DesiredAsync("hv2");
        untimed.Sequence.Should().BeGreaterThan(changed.Sequence);
        untimed.HaVips.Single(v => v.Id == vip.Id).Decision.Should().BeNull("10 ms is below the shortest interval the data path times: it follows claims");
        untimed.HaVips.Single(v => v.Id == vip.Id).Vrrp.Should().BeNull("no silence rule either");
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id, "the platform still decides");
    }

    /// <summary>
    /// A run reported before an instance's binding speaks for a former configuration (another HAVIP
    /// that used the VRID, or the instance's former binding): when its stop was never reported (the
    /// agent restarted, the server was away for every retry), its observation stays "advertising". It
    /// neither wins the decision nor times the hosts' data path (AdvertTiming.SinceBound): the lab saw a
    /// backup's adverts timed for 20 s by a 1 s run left by an earlier test, while its cluster
    /// advertised every 200 ms.
    /// </summary>
    [Fact]
    public async Task RunReportedBeforeTheBinding_NeitherChosenNorTimingTheHosts()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 200, vip.IpAddress));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id);

        // b is unbound and bound again, its run's stop never reported: what was seen of it is its former binding's.
        _time.Advance(TimeSpan.FromSeconds(1));
        (await _world.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{b.Id}")).EnsureSuccessStatusCode();
        _time.Advance(TimeSpan.FromSeconds(1));
        (await _world.Api.PostAsync($"/v1/havips/{vip.Id}/instances", new HaVip.Contracts.Api.AddInstanceRequest(b.Id))).EnsureSuccessStatusCode();
        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.ReportVrrpAsync("hv1", AgentWorld.Advert(a.Id, vrid, 150, vip.IpAddress) with
        {
            Version = 3,
            AdvertIntervalMilliseconds = 200,
            AuthType = "None",
            MasterDownIntervalMicroseconds = 600_000 + (106L * 200_000 / 256),
        });

        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(a.Id, "b's run was reported before its binding: a advertises alone");
        var state = (await _world.DesiredAsync("hv1")).HaVips.Single(v => v.Id == vip.Id);
        state.Decision!.InstanceId.Should().Be(a.Id);
        state.Vrrp!.Sources.Single(s => s.InstanceId == b.Id).AdvertIntervalMilliseconds.Should().Be(200,
            "b is not seen advertising since its binding: it is assumed to run its advertising peer's interval, not its former run's 1 s");

        // Its first report since the binding counts again.
        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.ReportVrrpAsync("hv2", AgentWorld.Advert(b.Id, vrid, 200, vip.IpAddress));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id, "b advertises again, now for this binding, at the higher priority");
        (await _world.DesiredAsync("hv1")).HaVips.Single(v => v.Id == vip.Id).Vrrp!.Sources.Single(s => s.InstanceId == b.Id).AdvertIntervalMilliseconds.Should().Be(1000);
    }

    [Fact]
    public async Task EqualPriorities_TheHigherPrimaryAddressIsChosen()
    {
        var (vip, a, b, _) = await _world.TwoHostsAsync();
        var vrid = await _world.VridAsync(vip.Id, a.Id);
        var higher = new[] { a, b }.MaxBy(i => AddressValue(i.Nics[0].IpAddress))!;
        var lower = higher == a ? b : a;

        await _world.ReportVrrpAsync(lower == a ? "hv1" : "hv2", AgentWorld.Advert(lower.Id, vrid, 100, vip.IpAddress));
        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(lower.Id);
        await _world.ReportVrrpAsync(higher == a ? "hv1" : "hv2", AgentWorld.Advert(higher.Id, vrid, 100, vip.IpAddress));

        (await _world.GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(higher.Id);
        (await _world.EventsAsync(vip.Id)).Last(e => e.Kind == "arbitrated").Message
            .Should().Be($"split brain: {lower.Id} advertises priority 100 beside {higher.Id} at 100; VIP moved from {lower.Id} to {higher.Id}");
    }

    private static uint AddressValue(string ip) => ip.Split('.').Aggregate(0u, (acc, part) => (acc << 8) | uint.Parse(part, System.Globalization.CultureInfo.InvariantCulture));

    private async Task ClaimAsync(string host, HolderReport report)
    {
        var response = await (await _world.AgentAsync(host)).PostAsync("/agent/v1/holders", report);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}
