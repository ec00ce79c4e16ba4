using HaVip.Contracts.Api;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// The platform sees the VRRP cluster (docs/vrrp-observation.md): real keepalived in the
/// instances, the agents' captures, the server's findings, each wait bounded by the protocol.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class VrrpObservationTests(LabFixture lab) : LabScenario(lab)
{
    private const string BlockTable = "hvobs";
    private static readonly TimeSpan AdvertInterval = TimeSpan.FromSeconds(1);

    // RFC 3768 §6.1, advert_int 1 s: 3 s + (256 − priority)/256 s.
    private static readonly TimeSpan MasterDown100 = TimeSpan.FromMicroseconds(3_609_375);
    private static readonly TimeSpan MasterDown150 = TimeSpan.FromMicroseconds(3_414_062);

    /// <summary>
    /// Beyond the finding's own margin: the agent's report, the test's poll (and its GET) on a
    /// machine shared by several builds. Not part of the platform's bound.
    /// </summary>
    private static readonly TimeSpan LabMargin = TimeSpan.FromSeconds(2);

    [Fact]
    public Task Pair_MasterAdvertises_BlockedAdvertsSplitBrain_Heals_AllStoppedNoMaster() => PairAsync(havipd: false);

    /// <summary>The same path with HaVip's own VRRP daemon in the instances, on the same generated configuration.</summary>
    [Fact]
    public Task Havipd_Pair_MasterAdvertises_BlockedAdvertsSplitBrain_Heals_AllStoppedNoMaster() => PairAsync(havipd: true);

    private async Task PairAsync(bool havipd)
    {
        var vip = await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id);
        var (a, b) = (Bed.InstanceId("havip-01"), Bed.InstanceId("havip-02"));
        var master = PriorityLine().Replace(await Bed.Api.KeepalivedAsync(vip.Id, a, Ct), "priority 150");
        TrackVrrp("havip-01");
        await Bed.StartVrrpAsync("havip-01", vip.Id, master, Ct, havipd);
        await VrrpAsync(vip.Id, v => v.Vrrp!.Any(i => i.InstanceId == a && i.Advertising && i.Priority == 150), Converge, "havip-01 advertising at 150");
        await StartVrrpAsync(vip, havipd, "havip-02");

        // A backup that would take over does so within its Master_Down_Interval of starting; past it, it stays silent.
        await Task.Delay(MasterDown100 + LabMargin, Ct);
        var healthy = await Bed.Api.GetHaVipAsync(vip.Id, Ct);
        healthy.Vrrp!.Single(i => i.InstanceId == a).Advertising.Should().BeTrue();
        healthy.Vrrp!.Single(i => i.InstanceId == b).Advertising.Should().BeFalse();
        healthy.Health!.Status.Should().Be("ok", string.Join("; ", healthy.Health.Findings.Select(f => f.Message)));

        // havip-02 hears no adverts: it takes over after its Master_Down_Interval, and the
        // split shows one advert interval plus the platform's margin (500 ms) after its first advert.
        try
        {
            await SplitAndHealAsync(vip.Id, a, b);
        }
        finally
        {
            // Never leave the block behind for the next scenario, whatever failed.
            await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm("havip-02"), "nft", "delete", "table", "ip", BlockTable], ct: CancellationToken.None);
        }

        // Both stopped: havip-01 resigns with priority 0; no master from its last advert's Master_Down_Interval on.
        await Bed.StopVrrpAsync("havip-02");
        await Bed.StopVrrpAsync("havip-01");
        await VrrpAsync(vip.Id, v => v.Health!.Findings.Any(f => f.Code == "NoMaster"), MasterDown150 + TimeSpan.FromMilliseconds(500) + LabMargin, "NoMaster");
    }

    private async Task SplitAndHealAsync(string vipId, string a, string b)
    {
        await NftAsync("havip-02", "add", "table", "ip", BlockTable);
        await NftAsync("havip-02", "add chain ip " + BlockTable + " in { type filter hook input priority 0 ; }");
        await NftAsync("havip-02", "add", "rule", "ip", BlockTable, "in", "ip", "protocol", "vrrp", "drop");
        var split = await VrrpAsync(vipId, v => v.Health!.Findings.Any(f => f.Code == "SplitBrain"),
            MasterDown100 + (2 * AdvertInterval) + TimeSpan.FromMilliseconds(500) + LabMargin, "SplitBrain");
        split.Health!.Findings.Single(f => f.Code == "SplitBrain").Instances.Should().BeEquivalentTo([a, b]);

        // Unblocked, havip-02 yields on havip-01's first advert; its agent says so its Master_Down_Interval later.
        await NftAsync("havip-02", "delete", "table", "ip", BlockTable);
        await VrrpAsync(vipId, v => v.Health!.Findings.All(f => f.Code != "SplitBrain"), MasterDown100 + AdvertInterval + LabMargin, "SplitBrain gone");
    }

    private Task<HaVipDto> VrrpAsync(string id, Func<HaVipDto, bool> done, TimeSpan within, string what) =>
        Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(id, Ct), done, within, what);

    private async Task NftAsync(string instance, params string[] args)
    {
        var result = await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(instance), "nft", .. args], ct: Ct);
        result.ExitCode.Should().Be(0, result.Error);
    }
}
