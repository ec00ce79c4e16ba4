using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// The whole system in network namespaces: server, agents, bridges/VXLAN, nftables, real
/// keepalived. Scenarios of the data-plane issue, most important first.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class FailoverTests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public Task BoundPair_AvailableAfterBothHosts_MasterAnswers_FailoverFollows_NoPreempt() => BoundPairAsync(havipd: false);

    /// <summary>
    /// The same real failover (the master's link down) with HaVip's own VRRP daemon in the
    /// instances, on the same generated configuration: the split-brain issue's third scenario with
    /// havipd (arbitration's rules in place must not hold the takeover back).
    /// </summary>
    [Fact]
    public Task Havipd_BoundPair_AvailableAfterBothHosts_MasterAnswers_FailoverFollows_NoPreempt() => BoundPairAsync(havipd: true);

    private async Task BoundPairAsync(bool havipd)
    {
        // 1. available only after both hosts applied; masterInstanceId = the elected master.
        var vip = await CreateAsync("havip-01", "havip-02");
        vip.Status.Should().Be(HaVipState.Creating);
        vip = await AvailableAsync(vip.Id);
        var statuses = (await Bed.Api.EventsAsync(vip.Id, Ct)).Where(e => e.Kind == "status").Select(e => e.Status);
        statuses.Should().Equal(HaVipState.Creating, HaVipState.Available);
        await KeepalivedAcceptsConfigAsync(vip.Id, "havip-01");
        await StartVrrpAsync(vip, havipd, "havip-01", "havip-02");
        var master = Bed.NameOf((await MasterAsync(vip.Id, m => m is not null)).MasterInstanceId!);
        var backup = master == "havip-01" ? "havip-02" : "havip-01";

        // 2. a client on a third host reaches the VIP and is answered by the master.
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().Be(master);
        // The master's port carried its adverts and replies, but its agent's capture sees ARP only.
        var watched = await Bed.AgentMetricsAsync(Bed.HostOf(master), Ct);
        watched.Should().Contain("havip_agent_arp_verdicts_total{verdict=\"Holder\"}");
        watched.Should().NotContain("verdict=\"NotArp\"", "the socket filter keeps IP frames in the kernel");

        // 3. master's link down → the backup answers within its Master_Down_Interval (the rules in
        // place hold no real failover back); the API's master and the timeline follow.
        await Bed.FailLinkAsync(master, ct: Ct);
        (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout), n => n == backup, CrashFailoverTests.Bound,
            $"the backup answers within its Master_Down_Interval + {CrashFailoverTests.Margin.TotalSeconds} s of the master's link going down")).Should().Be(backup);
        await MasterAsync(vip.Id, m => m == Bed.InstanceId(backup));
        var masters = (await Bed.Api.EventsAsync(vip.Id, Ct)).Where(e => e.Kind == "master").Select(e => e.InstanceId);
        masters.Should().Equal(Bed.InstanceId(master), Bed.InstanceId(backup));

        // ... and the old master coming back does not take the VIP back (nopreempt).
        await Bed.RestoreLinkAsync(master, ct: Ct);
        // Showing that nothing happens takes a wait: a preempting instance would take the VIP back
        // within its Master_Down_Interval (3 × advert_int 1 s + skew < 4 s) of hearing the new
        // master's adverts again; 5 s covers that with a second's margin.
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().Be(backup);
        (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(Bed.InstanceId(backup));
    }

    [Fact]
    public async Task UnboundInstance_ClaimingVipWithHigherPriority_IsDropped_AndReported()
    {
        var vip = await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id);
        await StartVrrpAsync(vip, "havip-01", "havip-02");
        var master = (await MasterAsync(vip.Id, m => m is not null)).MasterInstanceId;

        // 4. havip-03 is not bound but runs VRRP for the VIP with a higher priority.
        var intruder = Bed.InstanceId("havip-03");
        var template = await Bed.Api.KeepalivedAsync(vip.Id, Bed.InstanceId("havip-01"), Ct);
        var own = (await Bed.Api.ListInstancesAsync(null, null, PageRequest.None, Ct)).Items.Single(i => i.Id == intruder).Nics.Single(n => n.SubnetId == vip.SubnetId).IpAddress;
        var config = PriorityLine().Replace(SourceLine().Replace(template, $"unicast_src_ip {own}"), "priority 200");
        config = PeerBlock().Replace(config, "unicast_peer {\n    }");
        await Bed.StartVrrpAsync("havip-03", vip.Id, config, Ct);
        TrackVrrp("havip-03");

        var events = await Eventually.GetAsync(() => Bed.Api.EventsAsync(vip.Id, Ct),
            e => e.Any(x => x.Kind == "spoofAttempt" && x.InstanceId == intruder), Converge, "spoof attempt in the timeline");
        events.Should().NotContain(e => e.Kind == "master" && e.InstanceId == intruder);
        for (var i = 0; i < 5; i++)
        {
            (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().NotBe("havip-03");
        }
        (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(master);

        // The intruder's host counts the verdict and the drops by reason.
        var port = HaVip.Contracts.Agents.PortNames.HostSide(intruder, "eth0");
        var metrics = await Bed.AgentMetricsAsync(Bed.HostOf("havip-03"), Ct);
        metrics.Should().Contain("havip_agent_arp_verdicts_total{verdict=\"Spoof\"}");
        metrics.Should().MatchRegex($"havip_agent_drops_total{{port=\"{port}\",reason=\"arp_ip\"}} [1-9]");
        metrics.Should().Contain("havip_agent_apply_duration_seconds_count");
    }

    [Fact]
    public async Task ApplyError_MissingPort_Fails_ThenPortAppears_Available()
    {
        // 7. an instance placed on a host where its port does not exist.
        var subnet = (await Bed.SubnetsAsync(Ct)).First(s => s.Type == NetworkType.Internal);
        var ghost = await Bed.Api.CreateInstanceAsync(new CreateInstanceRequest("ghost", subnet.VpcId, [new CreateNicRequest(subnet.Id, "eth0")], "hv1"), Ct);
        try
        {
            var vip = await CreateAsync("ghost", "havip-02", ghost.Id);
            var failed = await Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(vip.Id, Ct), v => v.Status == HaVipState.Failed, Converge, "failed");
            failed.StatusReason.Should().Contain("does not exist").And.Contain("hv1");

            await Bed.AddInstanceAsync(ghost, Ct);

            await AvailableAsync(vip.Id);
        }
        finally
        {
            foreach (var id in Vips)
            {
                await Bed.Api.DeleteHaVipAsync(id, CancellationToken.None);
            }
            Vips.Clear();
            using var _ = await Bed.Api.Http.DeleteAsync($"/v1/instances/{ghost.Id}", CancellationToken.None);
        }
    }
}
