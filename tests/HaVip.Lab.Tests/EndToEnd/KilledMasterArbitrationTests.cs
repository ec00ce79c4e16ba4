using HaVip.Contracts.Api;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// The master's VRRP SIGKILLed (docs/split-brain.md, the issue's scenario 2): the VIP stays on its
/// NIC and its kernel keeps answering ARP, while the backup takes over and announces itself. A
/// client on the killed master's own host gets the killed instance's answer first (a local veth
/// against the backup's reply over VXLAN) and Linux keeps the first reply to a resolution, so
/// without arbitration that client follows the dead cluster member. With it, the killed master's
/// host drops its answers once the platform decided for the backup.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class KilledMasterArbitrationTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>The master: the instance on the client's host (the demo lab puts both on its last host).</summary>
    private const string Killed = "havip-03";

    private const string Backup = "havip-01";

    private readonly CommandRunner _commands = new();

    [Fact]
    public async Task KilledMaster_KeepsTheVip_ClientOnItsHostAnsweredByTheBackupOnly()
    {
        Bed.HostOf(Killed).Should().Be(Bed.HostOf(LabSpec.ClientName), "the client must share the killed master's bridge, where its answer arrives first");
        var vip = await AvailableAsync((await CreateAsync(Killed, Backup)).Id);
        var prefix = (await Bed.SubnetsAsync(Ct)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        try
        {
            // The master by priority, so it is the instance beside the client whatever the addresses.
            TrackVrrp(Killed);
            await Bed.StartVrrpAsync(Killed, vip.Id, PriorityLine().Replace(await Bed.Api.KeepalivedAsync(vip.Id, Bed.InstanceId(Killed), Ct), "priority 150"), Ct);
            await MasterAsync(vip.Id, m => m == Bed.InstanceId(Killed));
            await StartVrrpAsync(vip, Backup);

            await Bed.KillVrrpAsync(Killed);
            await Eventually.GetAsync(() => HoldsAsync(Backup, vip), held => held, Converge, $"{Backup} takes over from the killed master");
            await DecidedForBackupAsync(vip);

            var answers = await FreshResolutionsAsync(vip, 20);
            (await HoldsAsync(Killed, vip)).Should().BeTrue("the killed master keeps the VIP on its NIC, so its kernel answers ARP for it");
            answers.Should().AllBe(Backup, "no answer from the SIGKILLed instance reaches a client once the platform decided for the backup");
            (await Bed.AgentMetricsAsync(Bed.HostOf(Killed), Ct)).Should().MatchRegex(
                $"havip_agent_drops_total{{port=\"{HaVip.Contracts.Agents.PortNames.HostSide(Bed.InstanceId(Killed), "eth0")}\",reason=\"arbitration\"}} [1-9]",
                "the killed instance did answer: its host dropped its claims");
        }
        finally
        {
            // Its VIP would answer for a later test's HAVIP at the same address.
            await _commands.RunAsync("ip", ["netns", "exec", Bed.Names.Vm(Killed), "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
        }
    }

    /// <summary>
    /// The killed master's host holds the platform's decision for the backup: in its desired state,
    /// and (with arbitration on) in its kernel, decided against the killed port and armed by the
    /// backup's adverts. With HAVIP_LAB_AGENT_ARGS="--arbitration off" (the proof that the test can
    /// fail) the kernel never holds it, and the answers are asserted after the desired state alone.
    /// </summary>
    private async Task DecidedForBackupAsync(HaVipDto vip)
    {
        var host = Bed.HostOf(Killed);
        await Eventually.GetAsync(async () => (await Bed.DesiredStateAsync(host, Ct)).HaVips.FirstOrDefault(h => h.Id == vip.Id)?.Decision?.InstanceId is { } id ? Bed.NameOf(id) : "none",
            chosen => chosen == Backup, Converge, $"{host} is told the decision for {Backup}");
        if (Bed.Arbitration)
        {
            await Eventually.GetAsync(() => NftSetAsync(host, "decision"), s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge, $"{host}'s kernel decides against {Killed}");
            await Eventually.GetAsync(() => NftSetAsync(host, "armed"), s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge, $"{Backup}'s adverts arm {vip.IpAddress} on {host}");
        }
    }

    private Task<bool> HoldsAsync(string instance, HaVipDto vip) =>
        new HaVip.Lab.Topology.NetnsCommands(_commands).HoldsAsync(Bed.Names.Vm(instance), "eth0", vip.IpAddress, Ct);

    private async Task<string> NftSetAsync(string host, string set) =>
        (await _commands.RunCheckedAsync("ip", ["netns", "exec", Bed.Names.Host(host), "nft", "list", "set", "bridge", "havip", set], ct: Ct)).Output;
}
