using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Api;
using HaVip.Lab.Probes;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// The master's VRRP SIGKILLed (docs/split-brain.md, the issue's scenario 2): the VIP stays on its
/// NIC and its kernel keeps answering ARP, while the backup takes over and announces itself. A
/// client on the killed master's own host gets the killed instance's answer first (a local veth
/// against the backup's reply over VXLAN) and Linux keeps the first reply to a resolution, so
/// without arbitration that client follows the dead cluster member. With it, the killed master's
/// host drops its answers from the backup's first advert on (the silence rule, in the kernel), and
/// the platform's decision moves to the backup (a round trip later).
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class KilledMasterArbitrationTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>The master: the instance on the client's host (the demo lab puts both on its last host).</summary>
    private const string Killed = "havip-03";

    private const string Backup = "havip-01";

    /// <summary>The client probes every 20 ms, each probe a fresh resolution.</summary>
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Probes sent after the decision moved that the test waits for (all must be the backup's too).</summary>
    private const int AfterDecision = 20;

    private readonly CommandRunner _commands = new();

    [Fact]
    public async Task KilledMaster_KeepsTheVip_ClientOnItsHostAnsweredByTheBackupOnly_FromTheTakeover()
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
            var backupAddress = IPAddress.Parse((await Bed.Api.GetInstanceAsync(Bed.InstanceId(Backup), Ct)).Nics.Single(n => n.SubnetId == vip.SubnetId).IpAddress);
            using var backupAdverts = new AdvertWatch(Bed.Names.Vm(Backup), backupAddress);

            var clock = Stopwatch.StartNew();
            await using var client = new ProbeLoop(Bed, LabSpec.ClientName, vip.IpAddress, ProbeEvery, flush: true, clock);
            backupAdverts.Drain();
            await Bed.KillVrrpAsync(Killed);
            // The backup's first advert is its takeover (RFC 5798 §6.4.2): within its Master_Down_Interval of the killed one's last.
            (await backupAdverts.NextAsync(CrashFailoverTests.Bound, Ct)).Should().NotBeNull($"{Backup} takes over from the killed master within {CrashFailoverTests.Bound.TotalSeconds:F1} s");
            var takeover = clock.Elapsed;
            await DecidedForBackupAsync(vip);
            var decided = clock.Elapsed;
            await Eventually.GetAsync(() => Task.FromResult(client.Between(decided)), a => a.Count >= AfterDecision, Converge, $"{AfterDecision} probes after the decision moved");

            var answers = client.Between(takeover);
            answers.Where(a => a.Answer == Killed).Should().BeEmpty(
                $"no answer from the SIGKILLed instance reaches a client after the takeover (at {takeover.TotalSeconds:F2} s; the decision moved at {decided.TotalSeconds:F2} s): {ProbeAnswer.Runs(answers)}");
            answers.Should().Contain(a => a.Answer == Backup, ProbeAnswer.Runs(answers));
            (await HoldsAsync(Killed, vip)).Should().BeTrue("the killed master keeps the VIP on its NIC, so its kernel answers ARP for it");
            var metrics = await Bed.AgentMetricsAsync(Bed.HostOf(Killed), Ct);
            (Drops(metrics, "silent") + Drops(metrics, "arbitration")).Should().BePositive("the killed instance did answer: its host dropped its claims");
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
        try
        {
            await Eventually.GetAsync(async () => (await Bed.DesiredStateAsync(host, Ct)).HaVips.FirstOrDefault(h => h.Id == vip.Id)?.Decision?.InstanceId is { } id ? Bed.NameOf(id) : "none",
                chosen => chosen == Backup, Converge, $"{host} is told the decision for {Backup}");
        }
        catch (TimeoutException e)
        {
            // What the platform saw and decided: the observations it decided from, and the timeline.
            var seen = await Bed.Api.GetHaVipAsync(vip.Id, Ct);
            var events = (await Bed.Api.Http.GetStringAsync($"/v1/havips/{vip.Id}/events", Ct));
            throw new TimeoutException($"{e.Message}; master {seen.MasterInstanceId}; vrrp {string.Join(", ", seen.Vrrp ?? [])}; events {events}", e);
        }
        if (Bed.Arbitration)
        {
            await Eventually.GetAsync(() => NftSetAsync(host, "decision"), s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge, $"{host}'s kernel decides against {Killed}");
            await Eventually.GetAsync(() => NftSetAsync(host, "armed"), s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge, $"{Backup}'s adverts arm {vip.IpAddress} on {host}");
        }
    }

    private long Drops(string metrics, string reason) =>
        DropLine().Matches(metrics).Where(m => m.Groups["port"].Value == HaVip.Contracts.Agents.PortNames.HostSide(Bed.InstanceId(Killed), "eth0") && m.Groups["reason"].Value == reason)
            .Sum(m => long.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("""^havip_agent_drops_total\{port="(?<port>[^"]+)",reason="(?<reason>[^"]+)"\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex DropLine();

    private Task<bool> HoldsAsync(string instance, HaVipDto vip) =>
        new HaVip.Lab.Topology.NetnsCommands(_commands).HoldsAsync(Bed.Names.Vm(instance), "eth0", vip.IpAddress, Ct);

    private async Task<string> NftSetAsync(string host, string set) =>
        (await _commands.RunCheckedAsync("ip", ["netns", "exec", Bed.Names.Host(host), "nft", "list", "set", "bridge", "havip", set], ct: Ct)).Output;
}
