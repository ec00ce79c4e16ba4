using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Rules;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Packet;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;

namespace HaVip.Agent.Tests.Rules;

/// <summary>
/// The rendered arbitration rules in a real kernel (root): a bridge with the chosen instance's
/// port (A), the loser's (B) and a client's (C) in a namespace of the test's own. Frames are sent
/// into the bridge from the instances' veth ends and watched at the client's end. The bridge has
/// the name the agent gives the subnet's, so the agent's own <see cref="StateApplier"/> can apply there.
/// </summary>
public sealed partial class ArbitrationKernelTests : IAsyncLifetime
{
    private const string Vip = "10.9.0.100";
    // keepalived's default; armed lapses 2.5 s after the last advert, long enough for a loaded machine's nft calls.
    private const int IntervalMs = 1000;
    private static readonly MacAddress MacA = MacAddress.Parse("02:00:00:09:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("02:00:00:09:00:0b");
    private static readonly string Bridge = PortNames.Bridge(9);
    private readonly CommandRunner _commands = new();
    private readonly string _ns = $"hvarb{Random.Shared.Next(100000, 999999)}";
    private PacketSocket? _socket;
    private PortCapture? _client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DesiredStateDto State => new("hv1", 1,
        [new SubnetStateDto("subnet-k", "10.9.0.0/24", "10.9.0.1", 9, [])],
        [
            new PortStateDto("i-a", "subnet-k", "eth0", "pA", MacA.ToString(), ["10.9.0.10"], ["10.9.0.10", Vip]),
            new PortStateDto("i-b", "subnet-k", "eth0", "pB", MacB.ToString(), ["10.9.0.11"], ["10.9.0.11", Vip]),
            new PortStateDto("i-c", "subnet-k", "eth0", "pC", "02:00:00:09:00:0c", ["10.9.0.12"], ["10.9.0.12"]),
        ],
        [new HaVipStateDto("havip-k", "subnet-k", Vip, ["i-a", "i-b"], new HaVipDecisionDto("i-a", MacA.ToString(), "10.9.0.10", 51, IntervalMs),
            new HaVipVrrpDto(51, IntervalMs, [new HaVipAdvertSourceDto("i-a", "10.9.0.10"), new HaVipAdvertSourceDto("i-b", "10.9.0.11")]))]);

    public async ValueTask InitializeAsync()
    {
        Privileges.WhyNoLab().Should().BeNull("the kernel tests make a network namespace");
        await RunAsync("ip", "netns", "add", _ns);
        try
        {
            await BuildAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose initialisation failed: clean up here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task BuildAsync()
    {
        await RunAsync("ip", "-n", _ns, "link", "add", Bridge, "type", "bridge");
        await RunAsync("ip", "-n", _ns, "link", "set", Bridge, "up");
        foreach (var x in new[] { "A", "B", "C" })
        {
            await RunAsync("ip", "-n", _ns, "link", "add", "p" + x, "type", "veth", "peer", "name", "v" + x);
            await RunAsync("ip", "-n", _ns, "link", "set", "p" + x, "master", Bridge);
            await RunAsync("ip", "-n", _ns, "link", "set", "p" + x, "up");
            await RunAsync("ip", "-n", _ns, "link", "set", "v" + x, "up");
        }
        await NftAsync(NftRenderer.Render(State));
        _socket = Netns.Run(_ns, () => new PacketSocket());
        _client = Netns.Run(_ns, () => PortCapture.Open("vC"));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _socket?.Dispose();
        await _commands.RunAsync("ip", ["netns", "del", _ns], ct: CancellationToken.None);
    }

    [Fact]
    public async Task LosersClaim_DroppedWhileDecidedAndArmed_PassesOnceArmedLapses()
    {
        await RefreshDecisionAsync();
        Send("vA", Advert(priority: 100));
        await UntilAsync(ArmedAsync, TimeSpan.FromSeconds(2), "an advert arms");
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));

        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacA, "the loser's claim is dropped while the chosen advertises");
        (await CounterAsync("drop_arbitration_pB")).Should().Be(1);
        var probe = new HaVip.Agent.Arp.ArbitrationProbe(new InNamespace(_ns));
        (await probe.DroppedAsync(Vip, "pB", Ct)).Should().BeTrue("the holder path must see what the rule did");

        // The armed element times out 2.5 intervals after the last advert: then claims pass (a real failover).
        await UntilAsync(async () => !(await ArmedAsync()), TimeSpan.FromMilliseconds(IntervalMs * 5 / 2) + TimeSpan.FromSeconds(2), "armed lapses");
        await RefreshDecisionAsync();
        (await probe.DroppedAsync(Vip, "pB", Ct)).Should().BeFalse();
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacB, "with the chosen silent, the takeover claim passes");
    }

    [Fact]
    public async Task ReApplyWhileArmed_LosersClaimRightAfterTheApply_StillDropped()
    {
        using var metrics = new AgentMetrics();
        var applier = Applier(new InNamespace(_ns), metrics);
        (await applier.ApplyAsync(State, Ct)).Complete.Should().BeTrue();
        Send("vA", Advert(priority: 100));
        await UntilAsync(ArmedAsync, TimeSpan.FromSeconds(2), "an advert arms");

        // Any change of the ruleset re-creates the table: here the client's port gains an address.
        var changed = State with { Sequence = 2, Ports = [.. State.Ports.Select(p => p.PortName == "pC" ? p with { AllowedIps = [.. p.AllowedIps, "10.9.0.13"] } : p)] };
        (await applier.ApplyAsync(changed, Ct)).RulesChanged.Should().BeTrue();
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));

        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacA, "the chosen still advertises: the re-created table must still be armed");
        (await CounterAsync("drop_arbitration_pB")).Should().Be(1);
    }

    [Fact]
    public async Task ReApply_PortGone_ItsChainGoes_ArmedKept()
    {
        using var metrics = new AgentMetrics();
        var applier = await AppliedAsync(metrics, "armed", $"{Vip} timeout 60s");

        (await applier.ApplyAsync(State with { Sequence = 2, Ports = [.. State.Ports.Where(p => p.PortName != "pC")] }, Ct)).RulesChanged.Should().BeTrue();

        var table = await RunAsync("ip", "netns", "exec", _ns, "nft", "list", "table", "bridge", "havip");
        table.Should().NotContain("port_pC").And.NotContain("drop_mac_pC").And.Contain("chain port_pB");
        (await ArmedAsync()).Should().BeTrue("written in place, the table keeps what the data path armed");
    }

    /// <summary>
    /// An apply in place lists as the same state written afresh (terse: without the sets' elements and their
    /// expiries): an agent restart writes the table afresh and must change nothing (the lab's ResyncTests
    /// compares the two; a fresh-clone CI run saw the re-created agent sets listed after the data path's).
    /// </summary>
    [Fact]
    public async Task ReApply_InPlace_ListsAsTheSameStateWrittenAfresh()
    {
        using var metrics = new AgentMetrics();
        var applier = Applier(new InNamespace(_ns), metrics);
        (await applier.ApplyAsync(State, Ct)).Complete.Should().BeTrue();
        var next = State with { Sequence = 2, Ports = [.. State.Ports.Where(p => p.PortName != "pC")] };
        (await applier.ApplyAsync(next, Ct)).RulesChanged.Should().BeTrue();
        var inPlace = await TerseTableAsync();

        using var restarted = new AgentMetrics();
        (await Applier(new InNamespace(_ns), restarted).ApplyAsync(next, Ct)).Complete.Should().BeTrue();

        (await TerseTableAsync()).Should().Be(inPlace);
    }

    /// <summary>The table without set elements, counters' values read as zero: a frame the bridge sees between two listings counts in one only.</summary>
    private async Task<string> TerseTableAsync() =>
        CounterValues().Replace(await RunAsync("ip", "netns", "exec", _ns, "nft", "-t", "list", "table", "bridge", "havip"), "packets 0 bytes 0");

    [GeneratedRegex(@"packets \d+ bytes \d+")]
    private static partial Regex CounterValues();

    /// <summary>A table not as applied (here deleted behind the agent's back) fails the in-place write: the apply writes it afresh.</summary>
    [Fact]
    public async Task ReApply_TableGoneBehindTheAgentsBack_WrittenAfresh()
    {
        using var metrics = new AgentMetrics();
        var applier = Applier(new InNamespace(_ns), metrics);
        (await applier.ApplyAsync(State, Ct)).Complete.Should().BeTrue();
        await NftAsync("delete table bridge havip\n");

        var outcome = await applier.ApplyAsync(State with { Sequence = 2, Ports = [.. State.Ports.Where(p => p.PortName != "pC")] }, Ct);

        outcome.Complete.Should().BeTrue();
        (await RunAsync("ip", "netns", "exec", _ns, "nft", "list", "table", "bridge", "havip")).Should().Contain("chain port_pB").And.Contain("set heard");
    }

    /// <summary>
    /// The kernel refreshes an element by its own timeout: when A's observed interval changes, A's
    /// <c>speaking</c> element is deleted in the apply (the next advert re-creates it, timed anew),
    /// while B's, timed by B's unchanged interval, is kept.
    /// </summary>
    [Fact]
    public async Task ReApply_PortsOwnIntervalChanged_ItsSpeakingGoes_TheOthersStays()
    {
        using var metrics = new AgentMetrics();
        var applier = await AppliedAsync(metrics, "speaking", $"{Vip} . \"pA\" timeout 60s, {Vip} . \"pB\" timeout 60s");
        var vip = State.HaVips[0];
        var retimed = State with { Sequence = 2, HaVips = [vip with { Vrrp = vip.Vrrp! with { Sources = [vip.Vrrp.Sources[0] with { AdvertIntervalMilliseconds = 200 }, vip.Vrrp.Sources[1]] } }] };

        (await applier.ApplyAsync(retimed, Ct)).RulesChanged.Should().BeTrue();

        var speaking = await SetAsync("speaking");
        speaking.Should().NotContain("\"pA\"", "timed by A's former interval").And.Contain("\"pB\" timeout 1m", "B's own interval is unchanged");
    }

    /// <summary>
    /// Issue 18's last race: the apply that moves the decision off a SIGKILLed master (A) lands on
    /// the backup's (B's) first advert, whose <c>heard</c> element the kernel adds while the agent is
    /// between reading the kernel and writing the table. The element must survive the apply, so A's
    /// claims are dropped from B's first advert on, not one interval later. The hook adds the
    /// element as the data path would (here with a long timeout, so a loaded machine cannot let it lapse).
    /// </summary>
    [Fact]
    public async Task ApplyMovingTheDecision_HeardAddedRightBeforeTheWrite_Kept_SilentClaimsDropped()
    {
        using var metrics = new AgentMetrics();
        var commands = new BeforeTableWrite(_ns);
        var applier = Applier(commands, metrics);
        (await applier.ApplyAsync(State, Ct)).Complete.Should().BeTrue();
        var key = $"{Vip} . \"pA\"";
        commands.Hook = () => NftAsync($"add element bridge havip heard {{ {key} timeout 60s }}\n");

        var moved = State with { Sequence = 2, HaVips = [State.HaVips[0] with { Decision = new HaVipDecisionDto("i-b", MacB.ToString(), "10.9.0.11", 51, IntervalMs) }] };
        (await applier.ApplyAsync(moved, Ct)).RulesChanged.Should().BeTrue();

        commands.Fired.Should().BeTrue("the element is added between the apply's reads and its write");
        (await SetAsync("heard")).Should().Contain(key, "an element the data path added during the apply must not be lost");
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacB, "the silent instance's claim is dropped from the other's first advert on");
        (await CounterAsync("drop_silent_pA")).Should().Be(1);
    }

    /// <summary>
    /// The silence rule (docs/split-brain.md): A, the chosen one, stopped advertising (its VRRP
    /// SIGKILLed, the VIP left on its NIC) and B took over and advertises: A's claims are dropped on
    /// B's first advert, before any decision moves; they pass again the moment A advertises itself.
    /// </summary>
    [Fact]
    public async Task SilentChosen_ClaimDroppedOnceAnotherAdvertises_PassesAgainWhenItAdvertises()
    {
        await NftAsync(ArbitrationRules.RenderRefresh(State));
        Send("vB", Advert(priority: 100, fromB: true));
        await UntilAsync(() => HasElementsAsync("heard"), TimeSpan.FromSeconds(2), "B's advert is heard");
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));

        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacB, "the silent instance's claim is dropped while another advertises");
        (await CounterAsync("drop_silent_pA")).Should().Be(1);

        Send("vA", Advert(priority: 100));
        await UntilAsync(() => HasElementsAsync("speaking"), TimeSpan.FromSeconds(2), "A's own advert is seen");
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacA, "an instance that advertises is never silenced (a split is the decision's to settle)");
    }

    /// <summary>A silent instance alone keeps answering, and so it does again once the other's adverts lapsed (heard times out before it would take over).</summary>
    [Fact]
    public async Task SilentInstance_Alone_NeverCutOff_NorOnceTheOthersAdvertsLapsed()
    {
        await NftAsync(ArbitrationRules.RenderRefresh(State));
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacA, "nobody advertises: nothing to lose to");

        Send("vB", Advert(priority: 100, fromB: true));
        await UntilAsync(() => HasElementsAsync("heard"), TimeSpan.FromSeconds(2), "B's advert is heard");
        await UntilAsync(async () => !await HasElementsAsync("heard"), TimeSpan.FromMilliseconds(IntervalMs * 5 / 2) + TimeSpan.FromSeconds(2), "heard lapses 2.5 intervals after B's last advert");
        await NftAsync(ArbitrationRules.RenderRefresh(State));
        Send("vA", GratuitousArp.Create(MacA, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacA);
        (await CounterAsync("drop_silent_pA")).Should().Be(0);
    }

    /// <summary>
    /// docs/split-brain.md, "Advert intervals": each sender's adverts are timed by the interval the
    /// platform observed it at, B's every 200 ms and A's every 3 s, so the kernel's elements last 2.5
    /// of each (not of the HAVIP's generated interval).
    /// </summary>
    [Fact]
    public async Task EachSendersAdverts_TimedByItsObservedInterval()
    {
        var vip = State.HaVips[0];
        var vrrp = vip.Vrrp! with { Sources = [vip.Vrrp.Sources[0] with { AdvertIntervalMilliseconds = 3000 }, vip.Vrrp.Sources[1] with { AdvertIntervalMilliseconds = 200 }] };
        await NftAsync(NftRenderer.Render(State with { HaVips = [vip with { Vrrp = vrrp }] }));

        // Adverts again before each listing: B's element may lapse (500 ms) while `nft` starts on a loaded machine.
        var (heard, speaking) = ("", "");
        await UntilAsync(async () =>
        {
            Send("vB", Advert(priority: 100, fromB: true));
            Send("vA", Advert(priority: 100));
            (heard, speaking) = (await SetAsync("heard"), await SetAsync("speaking"));
            return heard.Contains("\"pA\"", StringComparison.Ordinal) && heard.Contains("\"pB\"", StringComparison.Ordinal) && speaking.Contains("\"pA\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5), "both instances' adverts fill heard and speaking");

        heard.Should().Contain("\"pA\" timeout 500ms", "on A's port, B's adverts (every 200 ms) are heard for 2.5 of B's intervals");
        speaking.Should().Contain("\"pA\" timeout 7s500ms", "A's own (every 3 s) for 2.5 of its own");
        heard.Should().Contain("\"pB\" timeout 7s500ms", "on B's port, A's adverts are heard for 2.5 of A's");
    }

    [Fact]
    public async Task PriorityZeroAdvert_DisarmsAtOnce()
    {
        await RefreshDecisionAsync();
        Send("vA", Advert(priority: 100));
        await UntilAsync(ArmedAsync, TimeSpan.FromSeconds(2), "an advert arms");
        Send("vA", Advert(priority: 0));

        // Well inside the 2.5 s the element would otherwise live: the priority-0 advert removed it.
        await UntilAsync(async () => !await ArmedAsync(), TimeSpan.FromSeconds(1), "a clean stop must not hold the backup's takeover back");
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacB);
    }

    [Fact]
    public async Task DecisionNotRefreshed_LapsesWithinItsTimeout_ClaimsPassWhileStillArmed()
    {
        await RefreshDecisionAsync();
        var watch = Stopwatch.StartNew();
        // Keep the chosen advertising (armed), stop refreshing the decision (an agent that died).
        while (await DecisionAsync())
        {
            watch.Elapsed.Should().BeLessThan(ArbitrationRules.DecisionTimeout + TimeSpan.FromSeconds(2), "the decision's timeout is 3 s");
            Send("vA", Advert(priority: 100));
            // Pacing the chosen's adverts (half its interval), not a wait for a result.
            await Task.Delay(IntervalMs / 2, Ct);
        }
        Send("vA", Advert(priority: 100));
        (await ArmedAsync()).Should().BeTrue();
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        (await NextClaimAsync()).Arp.SenderHardwareAddress.Should().Be(MacB, "an agent that stops refreshing fails open");
    }

    [Fact]
    public async Task Announcement_ReachesTheClientFromTheBridge_WithTheChosenMac_EvenWhileTheLoserIsDropped()
    {
        await RefreshDecisionAsync();
        Send("vA", Advert(priority: 100));
        await UntilAsync(ArmedAsync, TimeSpan.FromSeconds(2), "an advert arms");
        using var announcer = new HaVip.Agent.Arp.DecisionAnnouncer(Microsoft.Extensions.Logging.Abstractions.NullLogger<HaVip.Agent.Arp.DecisionAnnouncer>.Instance);
        var announcement = new HaVip.Agent.Arp.Announcement(Bridge, IPAddress.Parse(Vip), MacA);

        // The first of the three frames is sent before the announcer's first pause, on this namespace's
        // thread; the later rounds would run outside it, so they are cancelled.
        using var firstRoundOnly = new CancellationTokenSource();
        var announcing = Netns.Run(_ns, () => announcer.AnnounceAsync([announcement], firstRoundOnly.Token));
        await firstRoundOnly.CancelAsync();
        await announcing;

        var claim = await NextClaimAsync();
        claim.Arp.SenderHardwareAddress.Should().Be(MacA);
        claim.Ethernet.Source.Should().Be(MacAddress.Parse((await RunAsync("ip", "netns", "exec", _ns, "cat", $"/sys/class/net/{Bridge}/address")).Trim()),
            "the bridge's own MAC, so no FDB learns the instance's MAC elsewhere");
    }

    /// <summary>The agent's own applier, its commands run in the test's namespace.</summary>
    private static StateApplier Applier(CommandRunner commands, AgentMetrics metrics) => new(new LinkReconciler(commands, "10.255.9.1"), commands, metrics);

    /// <summary>
    /// The agent's applier once it applied <see cref="State"/>, with <paramref name="elements"/> added to
    /// <paramref name="set"/> as the data path would add them (with a timeout no loaded machine outlasts).
    /// </summary>
    private async Task<StateApplier> AppliedAsync(AgentMetrics metrics, string set, string elements)
    {
        var applier = Applier(new InNamespace(_ns), metrics);
        (await applier.ApplyAsync(State, Ct)).Complete.Should().BeTrue();
        await NftAsync($"add element bridge havip {set} {{ {elements} }}\n");
        return applier;
    }

    /// <summary>An advert from A (the chosen instance, .10), or with <paramref name="fromB"/> from B (.11).</summary>
    private static byte[] Advert(byte priority, bool fromB = false)
    {
        var packet = VrrpIpv4Packet.Create(IPAddress.Parse(fromB ? "10.9.0.11" : "10.9.0.10"), IPAddress.Parse("224.0.0.18"),
            VrrpAdvertisement.CreateV2(51, priority, TimeSpan.FromSeconds(1), [IPAddress.Parse(Vip)]));
        var frame = new byte[128];
        new EthernetHeader(MacAddress.Parse("01:00:5e:00:00:12"), fromB ? MacB : MacA, EtherType.IPv4).TryWrite(frame, out var header).Should().BeTrue();
        packet.TryWrite(frame.AsSpan(header), out var written).Should().BeTrue();
        return frame[..(header + written)];
    }

    private void Send(string device, byte[] frame) => _socket!.Send(frame, Netns.Run(_ns, () => PacketSocket.InterfaceIndex(device)));

    private void Send(string device, ArpFrame frame) => _socket!.SendArp(frame, Netns.Run(_ns, () => PacketSocket.InterfaceIndex(device)));

    /// <summary>The next VIP claim the client receives; fails after 2 s with what arrived.</summary>
    private async Task<ArpFrame> NextClaimAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var buffer = new byte[2048];
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var length = await _client!.ReceiveAsync(buffer, timeout.Token);
                if (ArpFrame.TryRead(buffer.AsSpan(0, length), out var arp, out _) && arp.Arp.SenderProtocolAddress.ToString() == Vip)
                {
                    return arp;
                }
                seen.Add($"{length} bytes");
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"no claim of {Vip} reached the client within 2 s; saw: {string.Join(", ", seen)}");
        }
    }

    private async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.Should().BeLessThan(bound, what);
            await Task.Delay(20, Ct);
        }
    }

    private Task<bool> ArmedAsync() => HasElementsAsync("armed");

    private Task<bool> DecisionAsync() => HasElementsAsync("decision");

    private Task<string> SetAsync(string set) => RunAsync("ip", "netns", "exec", _ns, "nft", "list", "set", "bridge", "havip", set);

    private async Task<bool> HasElementsAsync(string set) => (await RunAsync("ip", "netns", "exec", _ns, "nft", "-j", "list", "set", "bridge", "havip", set)).Contains("\"elem\"", StringComparison.Ordinal);

    private async Task<long> CounterAsync(string name)
    {
        var output = await RunAsync("ip", "netns", "exec", _ns, "nft", "-j", "list", "counters", "table", "bridge", "havip");
        return HaVip.Agent.Metrics.DropCounters.Parse(output).GetValueOrDefault(name);
    }

    /// <summary>The decision alone (the silence gates stay empty, so that rule drops nothing).</summary>
    private Task RefreshDecisionAsync() => NftAsync(ArbitrationRules.RenderRefresh(ArbitrationRules.Elements(State)));

    private async Task NftAsync(string text) =>
        (await _commands.RunAsync("ip", ["netns", "exec", _ns, "nft", "-f", "-"], text, Ct)).Succeeded.Should().BeTrue(text);

    private async Task<string> RunAsync(string file, params string[] arguments) =>
        (await _commands.RunCheckedAsync(file, arguments, ct: Ct)).Output;
}
