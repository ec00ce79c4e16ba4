using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Domain.Keepalived;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>`havip lab fail --kill`: the master's VRRP SIGKILLed, no goodbye advert; the backup must find out by silence.</summary>
[Collection(nameof(LabCollection))]
public sealed class CrashFailoverTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>
    /// RFC 5798 §6.1 Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time, Skew_Time =
    /// (256 − Priority) / 256 s, for the configuration the server generates (advert_int 1, priority 100).
    /// </summary>
    private static readonly TimeSpan MasterDownInterval = TimeSpan.FromSeconds(3 * KeepalivedConfigRenderer.AdvertIntervalSeconds + (256 - KeepalivedConfigRenderer.Priority) / 256.0);

    /// <summary>
    /// The margin on a loaded machine: keepalived's and the agent's scheduling, the holder report
    /// and its write, the 700 ms probe that was in flight, and the test's 100 ms polling.
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <summary>The new master's GARP goes out as it takes over; the agent reports it at once.</summary>
    private static readonly TimeSpan Bound = MasterDownInterval + Margin;

    [Fact]
    public async Task KilledMaster_BackupAnswers_ApiMasterMoves_WithinMasterDownInterval()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var prefix = (await Bed.SubnetsAsync(Ct)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        try
        {
            var sinceKill = Stopwatch.StartNew();
            await Bed.KillVrrpAsync(master);

            (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout), n => n == backup, Bound, "the backup answers after the master's VRRP was killed"))
                .Should().Be(backup);
            var left = Bound - sinceKill.Elapsed;
            (await Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(vip.Id, Ct), v => v.MasterInstanceId == Bed.InstanceId(backup), left > TimeSpan.Zero ? left : TimeSpan.Zero,
                "the API's master moves to the backup")).MasterInstanceId.Should().Be(Bed.InstanceId(backup));
        }
        finally
        {
            // A killed keepalived leaves the VIP on its interface: it would answer for a later test's HAVIP at the same address.
            await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(master), "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
        }
    }

    /// <summary>
    /// The killed master keeps the VIP on its NIC and goes on answering ARP for it. Once the
    /// platform saw it stop advertising and the backup advertise, the decision moves to the
    /// backup and the killed instance's answers are dropped at its port: every fresh resolution
    /// after that is the backup's. Without arbitration each is a race the dead one wins about
    /// half the time (0.5^10 ≈ 0.1 % to pass by luck).
    /// </summary>
    [Fact]
    public async Task KilledMaster_NoAnswerFromTheKilledInstanceAfterTheDecisionMoves()
    {
        var (vip, first, second) = await RunningPairAsync();
        // The instance that holds the VIP is the one to kill: it is the one that goes on answering ARP.
        var holders = await Eventually.GetAsync(() => HoldersAsync(vip, first, second), h => h.Count == 1, Converge, "one instance of the pair holds the VIP");
        var (master, backup) = holders[0] == first ? (first, second) : (second, first);
        var prefix = (await Bed.SubnetsAsync(Ct)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        try
        {
            await Bed.KillVrrpAsync(master);
            await Eventually.GetAsync(() => Bed.DesiredStateAsync(Bed.HostOf(master), Ct),
                s => s.HaVips.Any(h => h.Id == vip.Id && h.Decision?.InstanceId == Bed.InstanceId(backup)), Converge, "the killed master's host receives the decision for the backup");
            var answers = await FreshResolutionsAsync(vip);
            answers.Should().AllBe(backup, $"the killed {master} still holds the VIP but its ARP answers are dropped");
            var port = HaVip.Contracts.Agents.PortNames.HostSide(Bed.InstanceId(master), "eth0");
            (await Bed.AgentMetricsAsync(Bed.HostOf(master), Ct)).Should().MatchRegex($"havip_agent_drops_total{{port=\"{port}\",reason=\"arbitration\"}} [1-9]",
                "the killed instance did answer, and its host dropped the answers");
        }
        finally
        {
            await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(master), "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
        }
    }

    private async Task<List<string>> HoldersAsync(HaVipDto vip, params string[] instances)
    {
        var holders = new List<string>();
        foreach (var instance in instances)
        {
            if (await Bed.HoldsAsync(instance, vip.IpAddress, Ct))
            {
                holders.Add(instance);
            }
        }
        return holders;
    }
}
