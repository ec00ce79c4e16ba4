using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Domain.Health;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Through the agent report API on the server's virtual clock: what a HAVIP shows of its cluster,
/// and each finding entered at its moment (docs/vrrp-observation.md), never by sleeping.
/// </summary>
public sealed partial class VrrpHealthTests : IAsyncDisposable
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
        var vrid = await VridAsync(vip.Id, a.Id);
        await ReportAsync("hv1", Advert(a.Id, vrid, 150, vip.IpAddress));

        var healthy = await _world.GetVipAsync(vip.Id);
        healthy.Vrrp.Should().BeEquivalentTo(new[]
        {
            new VrrpInstanceDto(a.Id, true, 150, 1000, vrid, 2, _time.GetUtcNow().UtcDateTime),
            new VrrpInstanceDto(b.Id, false, null, null, null, null, null),
        });
        healthy.Health!.Status.Should().Be("ok");

        // The adverts between them are lost: b becomes master later and advertises too.
        _time.Advance(TimeSpan.FromSeconds(10));
        await ReportAsync("hv2", Advert(b.Id, vrid, 100, vip.IpAddress));
        _time.Advance(TimeSpan.FromSeconds(1) + ClusterHealth.Margin - Tick);
        (await _world.GetVipAsync(vip.Id)).Health!.Status.Should().Be("ok", "one advert interval plus the margin has not passed");
        _time.Advance(Tick);
        var split = (await _world.GetVipAsync(vip.Id)).Health!;
        split.Findings.Should().ContainSingle().Which.Should().Match<HealthFindingDto>(f => f.Code == "SplitBrain" && f.Instances.Count == 2);

        // b yields: its agent says so at its last advert + Master_Down_Interval (RFC 3768 §6.1, priority 100: 3.609375 s).
        _time.Advance(TimeSpan.FromMicroseconds(3_609_375));
        await ReportAsync("hv2", Advert(b.Id, vrid, 100, vip.IpAddress) with { Advertising = false, AgeMilliseconds = 3609 });
        (await _world.GetVipAsync(vip.Id)).Health!.Status.Should().Be("ok");
    }

    [Fact]
    public async Task AllSilent_NoMaster_AtTheLatestSilence_ANeverHeardInstanceCountingFromItsBinding()
    {
        var bound = _time.GetUtcNow();
        var (vip, a, _, _) = await _world.TwoHostsAsync();
        var vrid = await VridAsync(vip.Id, a.Id);
        await ReportAsync("hv1", Advert(a.Id, vrid, 150, vip.IpAddress));
        // a's agent declares it silent at its last advert + 3 s + 106/256 s (RFC 3768 §6.1, priority 150).
        _time.Advance(TimeSpan.FromMicroseconds(3_414_062));
        await ReportAsync("hv1", Advert(a.Id, vrid, 150, vip.IpAddress) with { Advertising = false, AgeMilliseconds = 3414 });

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
        var vrid = await VridAsync(vip.Id, a.Id);

        await ReportAsync("hv1", Advert(a.Id, vrid, 150, vip.IpAddress) with { AdvertIntervalMilliseconds = 2000 });

        var finding = (await _world.GetVipAsync(vip.Id)).Health!.Findings.Should().ContainSingle(f => f.Code == "ConfigMismatch").Subject;
        finding.Message.Should().Contain($"advertInterval: {a.Id} 2000 ms, generated keepalived.conf 1000 ms");
    }

    [Fact]
    public async Task Report_ForAnotherHostsInstance_IsForbidden_AndBadFieldsAre400()
    {
        var (vip, a, _, _) = await _world.TwoHostsAsync();

        var foreign = await (await _world.AgentAsync("hv2")).PostAsync("/agent/v1/vrrp-adverts", Advert(a.Id, 51, 100, vip.IpAddress));
        var bad = await (await _world.AgentAsync("hv1")).PostAsync("/agent/v1/vrrp-adverts", Advert(a.Id, 0, 300, "not-an-ip"));

        foreign.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await bad.Content.ReadAsStringAsync();
        body.Should().Contain("virtualRouterId").And.Contain("priority").And.Contain("addresses");
    }

    private static VrrpReport Advert(string instanceId, int vrid, int priority, string address) =>
        new(instanceId, vrid, true, 2, priority, 1000, "SimplePassword", [address], 3_000_000 + ((256 - priority) * 1_000_000L / 256), 0);

    private async Task ReportAsync(string host, VrrpReport report)
    {
        var response = await (await _world.AgentAsync(host)).PostAsync("/agent/v1/vrrp-adverts", report);
        // The endpoint answers after the report lane's write: the observation is stored by then.
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> VridAsync(string vipId, string instanceId)
    {
        var conf = await _world.Api.Http.GetStringAsync($"/v1/havips/{vipId}/keepalived?instanceId={instanceId}");
        return int.Parse(VridLine().Match(conf).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"virtual_router_id (\d+)")]
    private static partial Regex VridLine();
}
