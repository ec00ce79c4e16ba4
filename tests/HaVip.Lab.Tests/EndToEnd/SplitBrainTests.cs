using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// Split brain with keepalived (docs/split-brain.md): adverts between the pair blocked both ways
/// inside the backup, so both become master and both claim the VIP; the hosts drop the loser's
/// claims. Blocking only the backup's input is no split when the backup has the higher address:
/// the master then hears its adverts and steps down (RFC 5798 §6.4.3).
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class SplitBrainTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>Fresh resolutions probed: without arbitration each is a race the loser wins about half the time (0.5^10 ≈ 0.1 %).</summary>
    private const int Resolutions = 10;

    private readonly CommandRunner _commands = new();

    [Fact]
    public async Task Split_EveryFreshResolutionAnswersTheChosenInstance()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var chosen = Bed.InstanceId(master);
        // Evidence that the hosts hold the decision: the desired state of the backup's host carries it.
        await Eventually.GetAsync(() => Bed.DesiredStateAsync(Bed.HostOf(backup), Ct),
            s => s.HaVips.Any(h => h.Id == vip.Id && h.Decision?.InstanceId == chosen), Converge, "the backup's host receives the decision");
        var prefix = (await Bed.SubnetsAsync(Ct)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        var backupVm = Bed.Names.Vm(backup);
        try
        {
            await _commands.RunCheckedAsync("ip", ["netns", "exec", backupVm, "nft", "-f", "-"],
                "table inet hvsplit {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\tip protocol 112 drop\n\t}\n" +
                "\tchain output {\n\t\ttype filter hook output priority 0;\n\t\tip protocol 112 drop\n\t}\n}\n", Ct);
            // The split: the backup, hearing no advert, takes over after Master_Down_Interval (about 3.6 s) and claims the VIP.
            await Eventually.GetAsync(() => RunInAsync(backupVm, "ip", "-4", "addr", "show", "dev", "eth0"),
                a => a.Contains(vip.IpAddress + "/", StringComparison.Ordinal), Converge, "the backup takes the VIP too");

            var answers = new List<string?>();
            for (var i = 0; i < Resolutions; i++)
            {
                await Bed.FlushNeighboursAsync(LabSpec.ClientName, Ct);
                answers.Add(await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout));
            }
            answers.Should().AllBe(master, "only the chosen instance's ARP answers reach the client during the split");
            (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(chosen, "the API shows the instance the hosts enforce");
            // The loser did claim: its host dropped its claims for arbitration.
            var port = HaVip.Contracts.Agents.PortNames.HostSide(Bed.InstanceId(backup), "eth0");
            (await Bed.AgentMetricsAsync(Bed.HostOf(backup), Ct)).Should().MatchRegex($"havip_agent_drops_total{{port=\"{port}\",reason=\"arbitration\"}} [1-9]");
        }
        finally
        {
            await _commands.RunAsync("ip", ["netns", "exec", backupVm, "nft", "delete", "table", "inet", "hvsplit"], ct: CancellationToken.None);
            await _commands.RunAsync("ip", ["netns", "exec", backupVm, "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
        }
    }

    private async Task<string> RunInAsync(string netns, string file, params string[] arguments) =>
        (await _commands.RunCheckedAsync("ip", ["netns", "exec", netns, file, .. arguments], ct: Ct)).Output;
}
