using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// An IPv6 HAVIP end to end in the dual-stack demo subnet: keepalived runs VRRPv3 over the
/// instances' IPv6 addresses, the client reaches the VIP over IPv6, the agents learn the holder
/// from the new master's unsolicited Neighbor Advertisement and drop an unbound instance's.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class Ipv6Tests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public async Task Ipv6Pair_AvailableAfterHosts_MasterAnswers_LinkDown_BackupAndApiFollowWithinMasterDownInterval()
    {
        var vip = await CreateIpv6Async("havip-01", "havip-02");
        vip.IpVersion.Should().Be(IpVersion.Ipv6);
        vip.Status.Should().Be(HaVipState.Creating);
        vip = await AvailableAsync(vip.Id);
        (await Bed.Api.EventsAsync(vip.Id, Ct)).Where(e => e.Kind == "status").Select(e => e.Status).Should().Equal(HaVipState.Creating, HaVipState.Available);
        foreach (var instance in new[] { "havip-01", "havip-02" })
        {
            (await Bed.RulesetAsync(Bed.HostOf(instance), handles: false, Ct)).Should().Contain(vip.IpAddress, "available means both hosts applied the IPv6 VIP");
        }
        await KeepalivedAcceptsConfigAsync(vip.Id, "havip-01");
        await StartVrrpAsync(vip, "havip-01", "havip-02");
        var master = Bed.NameOf((await SettledMasterAsync(vip.Id)).MasterInstanceId!);
        var backup = master == "havip-01" ? "havip-02" : "havip-01";

        // The client on the third host, each time after forgetting its neighbours, is answered by the master only.
        (await FreshResolutionsAsync(vip)).Should().AllBe(master);

        var sinceFail = Stopwatch.StartNew();
        await Bed.FailLinkAsync(master, ct: Ct);
        (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout), n => n == backup, CrashFailoverTests.Bound, "the backup answers over IPv6 after the master's link went down"))
            .Should().Be(backup);
        var left = CrashFailoverTests.Bound - sinceFail.Elapsed;
        (await Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(vip.Id, Ct), v => v.MasterInstanceId == Bed.InstanceId(backup), left > TimeSpan.Zero ? left : TimeSpan.Zero,
            "the API's master follows the backup's unsolicited NA")).MasterInstanceId.Should().Be(Bed.InstanceId(backup));
        (await Bed.Api.EventsAsync(vip.Id, Ct)).Where(e => e.Kind == "master").Select(e => e.InstanceId)
            .Should().Equal(Bed.InstanceId(master), Bed.InstanceId(backup));
    }

    [Fact]
    public async Task UnboundInstance_AdvertisingTheIpv6Vip_IsDropped_AndReported()
    {
        var vip = await AvailableAsync((await CreateIpv6Async("havip-01", "havip-02")).Id);
        await StartVrrpAsync(vip, "havip-01", "havip-02");
        var master = (await SettledMasterAsync(vip.Id)).MasterInstanceId;

        // havip-03 is not bound but runs VRRPv3 for the VIP alone with a higher priority: it takes
        // the VIP and sends unsolicited Neighbor Advertisements for it.
        var intruder = Bed.InstanceId("havip-03");
        var template = await Bed.Api.KeepalivedAsync(vip.Id, Bed.InstanceId("havip-01"), Ct);
        var own = (await Bed.Api.ListInstancesAsync(null, null, PageRequest.None, Ct)).Items.Single(i => i.Id == intruder).Nics.Single(n => n.SubnetId == vip.SubnetId).Ipv6Address;
        own.Should().NotBeNull("the demo subnet is dual-stack");
        var config = PriorityLine().Replace(SourceLine().Replace(template, $"unicast_src_ip {own}"), "priority 200");
        await Bed.StartVrrpAsync("havip-03", vip.Id, PeerBlock().Replace(config, "unicast_peer {\n    }"), Ct);
        TrackVrrp("havip-03");

        var events = await Eventually.GetAsync(() => Bed.Api.EventsAsync(vip.Id, Ct),
            e => e.Any(x => x.Kind == "spoofAttempt" && x.InstanceId == intruder), Converge, "the intruder's NA as a spoof attempt in the timeline");
        events.Should().NotContain(e => e.Kind == "master" && e.InstanceId == intruder);
        (await FreshResolutionsAsync(vip, 5)).Should().NotContain("havip-03");
        (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(master);

        var port = HaVip.Contracts.Agents.PortNames.HostSide(intruder, "eth0");
        (await Bed.AgentMetricsAsync(Bed.HostOf("havip-03"), Ct)).Should().MatchRegex($"havip_agent_drops_total{{port=\"{port}\",reason=\"(nd|ip6)\"}} [1-9]",
            "the intruder's port drops its claims on the VIP");
    }

    [Fact]
    public async Task UnboundFromTheIpv6Vip_ItsNaIsDropped_AndReported_TheClientStaysOnTheMaster()
    {
        var vip = await AvailableAsync((await CreateIpv6Async("havip-01", "havip-02")).Id);
        await StartVrrpAsync(vip, "havip-01", "havip-02");
        var master = Bed.NameOf((await SettledMasterAsync(vip.Id)).MasterInstanceId!);
        var backup = master == "havip-01" ? "havip-02" : "havip-01";
        var backupId = Bed.InstanceId(backup);
        (await FreshResolutionsAsync(vip, 1)).Should().Equal([master], "the client's neighbour entry for the VIP starts on the master");

        // Unbound, and applied: the backup's host (it hosts no other bound instance) no longer allows the VIP.
        (await Bed.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{backupId}", Ct)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Bed.RulesetAsync(Bed.HostOf(backup), handles: false, Ct), r => !r.Contains(vip.IpAddress, StringComparison.Ordinal), Converge,
            "the unbound backup's host removed the IPv6 VIP from its rules");
        await AvailableAsync(vip.Id);

        // The master's link fails; the unbound backup's keepalived takes over and sends unsolicited NAs, which its port drops.
        await Bed.FailLinkAsync(master, ct: Ct);
        await Eventually.GetAsync(() => Bed.Api.EventsAsync(vip.Id, Ct),
            e => e.Any(x => x.Kind == "spoofAttempt" && x.InstanceId == backupId), Converge, "the unbound backup's NA as a spoof attempt in the timeline");
        var port = HaVip.Contracts.Agents.PortNames.HostSide(backupId, "eth0");
        (await Bed.AgentMetricsAsync(Bed.HostOf(backup), Ct)).Should().MatchRegex($"havip_agent_drops_total{{port=\"{port}\",reason=\"(nd|ip6)\"}} [1-9]",
            "the unbound backup's port drops its claims on the VIP");

        // No NA reached the client: its entry for the VIP still holds the master's MAC, not the backup's.
        (await ClientNeighbourMacAsync(vip.IpAddress)).Should().BeEquivalentTo(await MacOfAsync(master, vip.SubnetId), "the override NA was dropped before the client saw it");
        (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(Bed.InstanceId(master));
        (await FreshResolutionsAsync(vip, 3)).Should().AllSatisfy(a => a.Should().BeNull("no bound instance is up and the unbound one is never reached"));
    }

    /// <summary>The link-layer address in the client's IPv6 neighbour entry for the address, or null when it has none.</summary>
    private async Task<string?> ClientNeighbourMacAsync(string address)
    {
        var show = await new HaVip.Linux.Commands.CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(LabSpec.ClientName), "ip", "-6", "neigh", "show", address], ct: Ct);
        var words = show.Output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "lladdr");
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
    }

    private async Task<string> MacOfAsync(string instance, string subnetId) =>
        (await Bed.Api.ListInstancesAsync(null, null, PageRequest.None, Ct)).Items.Single(i => i.Id == Bed.InstanceId(instance)).Nics.Single(n => n.SubnetId == subnetId).MacAddress;

    private async Task<HaVipDto> CreateIpv6Async(string first, string second)
    {
        var subnet = (await Bed.SubnetsAsync(Ct)).First(s => s.Type == NetworkType.Internal);
        subnet.Ipv6Cidr.Should().NotBeNull("the demo's internal subnet is dual-stack");
        var vip = await Bed.Api.CreateHaVipAsync(new CreateHaVipRequest("e2e6", NetworkType.Internal, subnet.Id,
            InstanceIds: [Bed.InstanceId(first), Bed.InstanceId(second)], IpVersion: IpVersion.Ipv6), Ct);
        Vips.Add(vip.Id);
        return vip;
    }
}
