using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Domain.Keepalived;
using HaVip.Lab.Probes;
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
    /// <summary>A second client, on the client's host, that forgets its ARP entries before every probe (not bound to the pair).</summary>
    private const string FlushingClient = "havip-03";

    private static readonly TimeSpan AdvertInterval = TimeSpan.FromSeconds(KeepalivedConfigRenderer.AdvertIntervalSeconds);

    /// <summary>
    /// A report, the server's write and decision, the desired state's long poll and an apply on
    /// every host of the pair: under 1 s on an idle machine; the lab's agents logged applies of up
    /// to 3.8 s at load 50 on this 2-core machine, so 4 s.
    /// </summary>
    private static readonly TimeSpan PlatformRoundTrip = TimeSpan.FromSeconds(4);

    /// <summary>The issue's target: no answer from the loser after the first advert interval + 200 ms of a split.</summary>
    private static readonly TimeSpan SplitGrace = AdvertInterval + TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the split goes on after the loser's host re-created its table mid-split: the
    /// window in which an emptied <c>armed</c> set let the loser through is one advert interval
    /// (until the chosen's next advert re-arms it); the margin, 1 s, lets the flushing client
    /// resolve about 50 times more.
    /// </summary>
    private static readonly TimeSpan ReapplyWatched = AdvertInterval + TimeSpan.FromSeconds(1);

    /// <summary>
    /// keepalived sends gratuitous ARP as it takes over and again garp_master_delay (5 s) later:
    /// the split lasts past both bursts, which is what pulls a caching client over to the loser.
    /// </summary>
    private static readonly TimeSpan SplitLength = TimeSpan.FromSeconds(5) + AdvertInterval;

    /// <summary>
    /// After the heal VRRP is decided by the first advert each side hears (within one advert
    /// interval, RFC 5798 §6.4.3: a master hearing a higher-ranked advert becomes backup). When the
    /// winner is the former backup, the platform then moves the decision and announces it: the
    /// agent's report of its advert, the server's decision, the desired state reaching the hosts,
    /// their apply and the first of three announcements: <see cref="PlatformRoundTrip"/>. The
    /// margin, 1 s, is the 300 ms probe in flight, the flushing client's `ip neigh flush` and
    /// scheduling. keepalived's defaults without arbitration black-hole a caching client for 43–52 s.
    /// </summary>
    private static readonly TimeSpan HealBound = AdvertInterval + PlatformRoundTrip + TimeSpan.FromSeconds(1);

    /// <summary>How long past the bound both clients are watched (about 100 probes of the caching client).</summary>
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The agent's decision elements lapse 3 s after its last refresh (the agent's
    /// ArbitrationRules.DecisionTimeout); the margin, 2 s, covers the refresh that had just been
    /// made and the polling of the kernel's set by `nft` on a loaded machine.
    /// </summary>
    private static readonly TimeSpan DecisionLapse = TimeSpan.FromSeconds(3) + TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(20);

    private readonly CommandRunner _commands = new();

    [Fact]
    public Task Split_EveryFreshResolutionAnswersTheChosenInstance() => SplitEveryFreshResolutionAsync(havipd: false);

    /// <summary>The same split with HaVip's own VRRP daemon in the instances, on the same generated configuration.</summary>
    [Fact]
    public Task Havipd_Split_EveryFreshResolutionAnswersTheChosenInstance() => SplitEveryFreshResolutionAsync(havipd: true);

    private async Task SplitEveryFreshResolutionAsync(bool havipd)
    {
        var (vip, master, backup) = await DecidedPairAsync(havipd);
        try
        {
            await SplitAsync(vip, backup);
            var answers = await FreshResolutionsAsync(vip);
            answers.Should().AllBe(master, "only the chosen instance's ARP answers reach the client during the split");
            (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(Bed.InstanceId(master), "the API shows the instance the hosts enforce");
            // The loser did claim: its host dropped its claims for arbitration.
            (await Bed.AgentMetricsAsync(Bed.HostOf(backup), Ct)).Should().MatchRegex($"havip_agent_drops_total{{port=\"{PortOf(backup)}\",reason=\"arbitration\"}} [1-9]");
        }
        finally
        {
            await UndoSplitAsync(vip, backup);
        }
    }

    /// <summary>
    /// A 20 ms client with its ARP cache and a client that flushes before every probe, through a
    /// split and its heal. The platform sees only the master advertise during the split (the
    /// backup's adverts are blocked inside it), so the decision stays on the master and no answer
    /// comes from the backup from <see cref="SplitGrace"/> on (applies re-creating the table
    /// mid-split carry the data path's sets, so none opens a gap). At the heal VRRP elects by
    /// address (equal priorities, RFC 5798 §6.4.3), which may be the former backup: then the
    /// platform moves the decision to it and announces it. Either way both clients are answered by
    /// the winner within <see cref="HealBound"/>.
    /// </summary>
    [Fact]
    public Task Heal_NoneOnTheLoserDuringTheSplit_EveryClientOnTheWinnerWithinBound() => SplitThenHealAsync(havipd: false);

    /// <summary>The same split and heal with havipd in the instances.</summary>
    [Fact]
    public Task Havipd_Heal_NoneOnTheLoserDuringTheSplit_EveryClientOnTheWinnerWithinBound() => SplitThenHealAsync(havipd: true);

    private async Task SplitThenHealAsync(bool havipd)
    {
        var (vip, master, backup) = await DecidedPairAsync(havipd);
        await EnforcedAsync(vip, backup);
        var winner = await VrrpWinnerAsync(vip, master, backup);
        var loser = winner == master ? backup : master;
        var clock = Stopwatch.StartNew();
        await using var cached = new ProbeLoop(Bed, LabSpec.ClientName, vip.IpAddress, ProbeEvery, flush: false, clock);
        await using var fresh = new ProbeLoop(Bed, FlushingClient, vip.IpAddress, ProbeEvery, flush: true, clock);
        try
        {
            await SplitAsync(vip, backup);
            var split = clock.Elapsed;
            await ProbedUntilAsync(fresh, split + SplitGrace, "the flushing client probes past the split's grace");
            var reapplied = await ReapplyMidSplitAsync(backup, clock);
            var end = split + SplitLength > reapplied + ReapplyWatched ? split + SplitLength : reapplied + ReapplyWatched;
            await ProbedUntilAsync(cached, end, "the split lasts past keepalived's second gratuitous ARP burst and the re-apply's watch");
            // The heal takes effect somewhere inside the unblock: the split's window closes when it
            // starts, the bound's clock runs from when it has returned.
            var healing = clock.Elapsed;
            await UnblockAsync(backup);
            var healed = clock.Elapsed;
            await DecidedForAsync(vip, winner, master, backup);
            var decided = clock.Elapsed;
            await Eventually.GetAsync(() => AddressesAsync(loser), a => !a.Contains(vip.IpAddress + "/", StringComparison.Ordinal), Converge, $"the loser {loser} steps down after the heal");
            await ProbedUntilAsync(cached, healed + HealBound + Watched, "the caching client probes past the bound");
            await ProbedUntilAsync(fresh, healed + HealBound + Watched, "the flushing client probes past the bound");

            foreach (var (loop, client) in new[] { (cached, "caching client"), (fresh, "flushing client") })
            {
                var during = loop.Within(split + SplitGrace, healing);
                during.Should().NotBeEmpty().And.OnlyContain(a => a.Answer == master,
                    $"the {client} is answered by the chosen {master} only during the split (split at {split.TotalSeconds:F2} s, heal begun at {healing.TotalSeconds:F2} s; saw {ProbeAnswer.Runs(during)})");
                var after = loop.Between(healed + HealBound);
                after.Should().NotBeEmpty().And.OnlyContain(a => a.Answer == winner,
                    $"the {client} is answered by the winner {winner} within {HealBound.TotalMilliseconds} ms of the heal (heal at {healed.TotalSeconds:F2} s, hosts decided for {winner} by {decided.TotalSeconds:F2} s; saw {ProbeAnswer.Runs(loop.Between(healed))})");
            }
        }
        finally
        {
            await UndoSplitAsync(vip, backup);
        }
    }

    /// <summary>
    /// The loser's agent SIGKILLed during a split: its decision elements lapse within the agent's
    /// 3 s timeout and the data plane follows claims again (fail open), never drops them all:
    /// every fresh resolution is answered, and the loser's answers reach the client once more.
    /// </summary>
    [Fact]
    public async Task AgentKilledDuringSplit_DecisionLapses_TrafficFlows()
    {
        var (vip, master, backup) = await DecidedPairAsync();
        var host = Bed.HostOf(backup);
        try
        {
            await SplitAsync(vip, backup);
            (await DecisionElementsAsync(host)).Should().Contain(vip.IpAddress, "the loser's host holds the decision before its agent dies");
            await Bed.KillAgentAsync(host);
            await Eventually.GetAsync(() => DecisionElementsAsync(host), s => !s.Contains(vip.IpAddress, StringComparison.Ordinal), DecisionLapse,
                "the decision elements lapse without their agent's refresh");

            var answers = await FreshResolutionsAsync(vip);
            // Which of two answers a fresh resolution keeps is the race of their replies, so the
            // loser's answer is not asserted: the lapse above is what fails open (a timeout of
            // 300 s failed it), and ArbitrationKernelTests shows a lapsed decision lets claims pass.
            answers.Should().NotContainNulls("traffic flows with the agent dead: nothing drops every claim");
        }
        finally
        {
            await UndoSplitAsync(vip, backup);
            if (!Bed.State.Pids.ContainsKey("agent-" + host))
            {
                await Bed.StartAgentAgainAsync(host, CancellationToken.None);
                await Eventually.GetAsync(() => AgentAppliesAsync(host), n => n > 0, Converge, "the agent applies its state again");
            }
        }
    }

    /// <summary>A running pair whose hosts hold the platform's decision for the master.</summary>
    private async Task<(HaVipDto Vip, string Master, string Backup)> DecidedPairAsync(bool havipd = false)
    {
        var (vip, master, backup) = await RunningPairAsync(havipd: havipd);
        await DecidedForAsync(vip, master, master, backup);
        return (vip, master, backup);
    }

    /// <summary>
    /// The decision for the master is in force on <paramref name="backup"/>'s host before the split:
    /// its kernel holds the decision element and is armed by the master's adverts (the server's
    /// desired state alone says nothing of the host's apply). With HAVIP_LAB_AGENT_ARGS="--arbitration
    /// off" (the proof that the test can fail) the kernel never holds it, and nothing is awaited.
    /// </summary>
    private async Task EnforcedAsync(HaVipDto vip, string backup)
    {
        if (!Bed.Arbitration)
        {
            return;
        }
        var host = Bed.HostOf(backup);
        await Eventually.GetAsync(() => DecisionElementsAsync(host), s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge,
            $"the decision element for {vip.IpAddress} reaches {host}'s kernel");
        await Eventually.GetAsync(() => RunInAsync(Bed.Names.Host(host), "nft", "list", "set", "bridge", "havip", "armed"),
            s => s.Contains(vip.IpAddress, StringComparison.Ordinal), Converge, $"the master's adverts arm {vip.IpAddress} on {host}");
    }

    /// <summary>
    /// Makes the hosts re-create their tables mid-split, as any binding change does: a second HAVIP
    /// bound to the pair adds its address to both ports' rules. Returns when the loser's host's
    /// kernel holds it (its apply done), on the scenario's clock.
    /// </summary>
    private async Task<TimeSpan> ReapplyMidSplitAsync(string backup, Stopwatch clock)
    {
        var host = Bed.HostOf(backup);
        // nft lists the allowed addresses as a set that merges neighbours into ranges: compare the
        // port's line with what it was, rather than look for the address.
        var before = await AllowedLineAsync(host, backup);
        var other = await CreateAsync("havip-01", "havip-02");
        await Eventually.GetAsync(() => AllowedLineAsync(host, backup), line => line != before, Converge,
            $"{host} applies the binding of {other.IpAddress} (its rule was: {before})");
        return clock.Elapsed;
    }

    /// <summary>The rule of <paramref name="instance"/>'s port on <paramref name="host"/> that lists the addresses it may claim.</summary>
    private async Task<string> AllowedLineAsync(string host, string instance)
    {
        var chain = await RunInAsync(Bed.Names.Host(host), "nft", "list", "chain", "bridge", "havip", "port_" + PortOf(instance).Replace('-', '_').Replace('.', '_'));
        return chain.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("arp saddr ip !=", StringComparison.Ordinal));
    }

    /// <summary>VRRP's winner of a split between instances of equal priority (the generated configuration's): the higher primary address in the HAVIP's subnet.</summary>
    private async Task<string> VrrpWinnerAsync(HaVipDto vip, string first, string second)
    {
        async Task<uint> AddressAsync(string name)
        {
            var nic = (await Bed.Api.GetInstanceAsync(Bed.InstanceId(name), Ct)).Nics.First(n => n.SubnetId == vip.SubnetId);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Net.IPAddress.Parse(nic.IpAddress).GetAddressBytes());
        }
        return await AddressAsync(first) > await AddressAsync(second) ? first : second;
    }

    /// <summary>Both instances' hosts hold the decision for <paramref name="chosen"/>.</summary>
    private Task DecidedForAsync(HaVipDto vip, string chosen, params string[] instances) =>
        Eventually.GetAsync(async () => await Task.WhenAll(instances.Select(i => Bed.DesiredStateAsync(Bed.HostOf(i), Ct))),
            states => states.All(s => s.HaVips.Any(h => h.Id == vip.Id && h.Decision?.InstanceId == Bed.InstanceId(chosen))), Converge,
            $"the hosts receive the decision for {chosen}");

    /// <summary>Blocks adverts both ways inside <paramref name="backup"/> and waits until it takes the VIP too (after Master_Down_Interval, about 3.6 s).</summary>
    private async Task SplitAsync(HaVipDto vip, string backup)
    {
        await _commands.RunCheckedAsync("ip", ["netns", "exec", Bed.Names.Vm(backup), "nft", "-f", "-"],
            "table inet hvsplit {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\tip protocol 112 drop\n\t}\n" +
            "\tchain output {\n\t\ttype filter hook output priority 0;\n\t\tip protocol 112 drop\n\t}\n}\n", Ct);
        await Eventually.GetAsync(() => AddressesAsync(backup), a => a.Contains(vip.IpAddress + "/", StringComparison.Ordinal), Converge, "the backup takes the VIP too");
    }

    private Task UnblockAsync(string backup) =>
        _commands.RunCheckedAsync("ip", ["netns", "exec", Bed.Names.Vm(backup), "nft", "delete", "table", "inet", "hvsplit"], ct: Ct);

    private async Task UndoSplitAsync(HaVipDto vip, string backup)
    {
        var prefix = (await Bed.SubnetsAsync(CancellationToken.None)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        await _commands.RunAsync("ip", ["netns", "exec", Bed.Names.Vm(backup), "nft", "delete", "table", "inet", "hvsplit"], ct: CancellationToken.None);
        await _commands.RunAsync("ip", ["netns", "exec", Bed.Names.Vm(backup), "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
    }

    /// <summary>Waits for the loop's first probe sent at or after <paramref name="at"/>: the scenario's clock is the client's own.</summary>
    private static Task<IReadOnlyList<ProbeAnswer>> ProbedUntilAsync(ProbeLoop loop, TimeSpan at, string what) =>
        Eventually.GetAsync(() => Task.FromResult(loop.Between(at)), a => a.Count > 0, at + Converge, what);

    private string PortOf(string instance) => HaVip.Contracts.Agents.PortNames.HostSide(Bed.InstanceId(instance), "eth0");

    private Task<string> AddressesAsync(string instance) => RunInAsync(Bed.Names.Vm(instance), "ip", "-4", "addr", "show", "dev", "eth0");

    /// <summary>The kernel's <c>decision</c> set on a host, elements and all.</summary>
    private Task<string> DecisionElementsAsync(string host) => RunInAsync(Bed.Names.Host(host), "nft", "list", "set", "bridge", "havip", "decision");

    private async Task<string> RunInAsync(string netns, string file, params string[] arguments) =>
        (await _commands.RunCheckedAsync("ip", ["netns", "exec", netns, file, .. arguments], ct: Ct)).Output;
}
