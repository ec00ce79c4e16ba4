using System.Net;
using HaVip.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

/// <summary>
/// The runner's wiring (state machine ↔ codec ↔ OS) on an <see cref="InstanceLoop"/> with the real
/// clock, fast v3 timers and a fake OS; datagrams arrive as the interface's receive loop posts them.
/// </summary>
public sealed class InstanceRunnerTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Run_Alone_BecomesMasterAddsVipSendsGarpThenLeavesWithPriorityZero()
    {
        using var h = Create(Options("10.0.0.1", 100, 100));
        await h.StartAsync();

        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();
        SpinWait.SpinUntil(() => h.Io.Adverts.Count >= 2, Soon);
        await h.StopAsync().WaitAsync(Soon);

        h.Io.AddressOps.Should().Equal("-10.0.0.100", "+10.0.0.100", "-10.0.0.100");
        h.Io.Garps.Should().NotBeEmpty().And.AllBeEquivalentTo(IPAddress.Parse("10.0.0.100"));
        h.Io.Adverts.Select(a => a.Destination).Should().AllBeEquivalentTo(IPAddress.Parse("224.0.0.18"));
        h.Io.SentPriorities[^1].Should().Be(0, "a leaving master advertises priority 0 (RFC 5798 section 6.4.3)");
        h.Status.AdvertsOut.Should().Be(h.Io.Adverts.Count);
    }

    [Fact]
    public async Task Run_MasterHearsHigherPriority_BecomesBackupAndRemovesVip()
    {
        using var h = Create(Options("10.0.0.1", 100, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();

        h.Deliver(Advert("10.0.0.2", 200));

        SpinWait.SpinUntil(() => h.Status.State == "BACKUP", Soon).Should().BeTrue();
        SpinWait.SpinUntil(() => h.Status.MasterAddress == "10.0.0.2", Soon).Should().BeTrue();
        await h.StopAsync().WaitAsync(Soon);
        h.Io.AddressOps.Should().Equal("-10.0.0.100", "+10.0.0.100", "-10.0.0.100");
        h.Status.AdvertsIn.Should().Be(1);
    }

    [Fact]
    public async Task Run_MasterHearsLowerPriorityMaster_ReannouncesAtOnce()
    {
        using var h = Create(Options("10.0.0.1", 200, 1000));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", TimeSpan.FromSeconds(6)).Should().BeTrue();
        var (adverts, garps) = (h.Io.Adverts.Count, h.Io.Garps.Count);

        h.Deliver(Advert("10.0.0.2", 100, intervalMs: 1000));

        // Well inside the 1 s advert interval: only the re-announce can explain new packets.
        SpinWait.SpinUntil(() => h.Io.Adverts.Count > adverts && h.Io.Garps.Count > garps, TimeSpan.FromMilliseconds(500)).Should().BeTrue();
        h.Status.State.Should().Be("MASTER");
        await h.StopAsync().WaitAsync(Soon);
    }

    [Fact]
    public async Task Run_UnicastPeers_AdvertsGoToEachPeer()
    {
        var options = Options("10.0.0.1", 100, 100) with { UnicastPeers = [IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3")] };
        using var h = Create(options);
        await h.StartAsync();

        SpinWait.SpinUntil(() => h.Io.Adverts.Count >= 4, Soon).Should().BeTrue();
        await h.StopAsync().WaitAsync(Soon);

        h.Io.Adverts.Select(a => a.Destination.ToString()).Distinct().Should().BeEquivalentTo("10.0.0.2", "10.0.0.3");
    }

    [Fact]
    public async Task Run_BadTtl_CountedAndIgnored()
    {
        using var h = Create(Options("10.0.0.1", 100, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();
        var bad = Advert("10.0.0.2", 250);
        bad[8] = 64; // TTL; the IP checksum is not re-done, and the header check comes first

        h.Deliver(bad);

        SpinWait.SpinUntil(() => h.Status.Drops.Count > 0, Soon).Should().BeTrue();
        h.Status.Drops.Keys.Should().ContainSingle().Which.Should().BeOneOf(DropReason.BadTtl, DropReason.BadIpChecksum);
        h.Status.State.Should().Be("MASTER");
        await h.StopAsync().WaitAsync(Soon);
    }

    [Fact]
    public async Task Run_CodecDropAndStateMachineDiscard_CountedUnderOneTypedReasonEach()
    {
        using var h = Create(Options("10.0.0.1", 200, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();
        var corrupt = Advert("10.0.0.2", 250);
        corrupt[20 + 6] ^= 0xFF; // VRRP checksum (RFC 5798 section 5.2.8)

        h.Deliver(corrupt);
        h.Deliver(Advert("10.0.0.3", 100)); // lower priority: discarded by the state machine (RFC 5798 section 6.4.3)

        SpinWait.SpinUntil(() => h.Status.Drops.Count == 2, Soon).Should().BeTrue(string.Join(", ", h.Status.Drops));
        h.Status.Drops.Should().BeEquivalentTo(new Dictionary<DropReason, long> { [DropReason.BadChecksum] = 1, [DropReason.LowerPriority] = 1 });
        await h.StopAsync().WaitAsync(Soon);
    }

    /// <summary>
    /// A scrape refills the rows it kept (docs/benchmarks.md: 672 bytes per instance per scrape
    /// before, 0.7 MB at 1,000 instances): a row filled once takes the next fill without allocating.
    /// </summary>
    [Fact]
    public async Task Fill_RowFilledBefore_AllocatesNothing()
    {
        using var h = Create(Options("10.0.0.1", 200, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();
        h.Deliver(Advert("10.0.0.3", 100));
        SpinWait.SpinUntil(() => h.Status.Drops.Count == 1, Soon).Should().BeTrue();
        var row = new InstanceStatus();
        h.FillAllocating(row);

        h.FillAllocating(row).Should().Be(0, "a master row with a drop and a transition is refilled in place");
        (row.State, row.Drops[DropReason.LowerPriority], row.Transitions.Count, row.PrimaryAddress).Should().Be(("MASTER", 1L, 2, "10.0.0.1"), "two transitions: to BACKUP at start-up, then to MASTER");

        h.Deliver(Advert("10.0.0.2", 250));
        SpinWait.SpinUntil(() => h.Status.State == "BACKUP", Soon).Should().BeTrue();
        h.FillAllocating(row);
        h.FillAllocating(row).Should().Be(0, "the master's address is text made once, when it changes");
        row.MasterAddress.Should().Be("10.0.0.2");
        await h.StopAsync().WaitAsync(Soon);
    }

    /// <summary>
    /// A backup hears its master every interval, 500 a second in the pairs benchmark (docs/benchmarks.md):
    /// an advert like the last one (the kernel numbers each datagram, so only the IPv4 identification
    /// and header checksum differ) is handled without allocating, so the daemon's GC has nothing to do.
    /// </summary>
    [Fact]
    public async Task Receive_MastersAdvertAgain_AllocatesNothing()
    {
        using var h = Create(Options("10.0.0.1", 100, 1000));
        await h.StartAsync();
        h.ReceiveAllocating(Advert("10.0.0.2", 200, intervalMs: 1000, identification: 1));

        h.ReceiveAllocating(Advert("10.0.0.2", 200, intervalMs: 1000, identification: 2)).Should().Be(0);
        h.ReceiveAllocating(Advert("10.0.0.2", 200, intervalMs: 1000, identification: 3)).Should().Be(0);
        var status = h.Status;
        (status.State, status.MasterAddress, status.AdvertsIn, status.Drops.Count).Should().Be(("BACKUP", "10.0.0.2", 3L, 0));
        var corrupt = Advert("10.0.0.2", 200, intervalMs: 1000, identification: 4);
        corrupt[10] ^= 0xFF; // the IPv4 header checksum: the one header byte besides the identification a repeat may differ in
        h.ReceiveAllocating(corrupt);
        h.Status.Drops.Should().BeEquivalentTo(new Dictionary<DropReason, long> { [DropReason.BadIpChecksum] = 1 });
        await h.StopAsync().WaitAsync(Soon);
    }

    [Fact]
    public async Task Run_OwnAdvertEchoed_NeitherCountedNorDropped()
    {
        using var h = Create(Options("10.0.0.1", 100, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();

        h.Deliver(Advert("10.0.0.1", 100));
        h.Deliver(Advert("10.0.0.2", 250));

        SpinWait.SpinUntil(() => h.Status.State == "BACKUP", Soon).Should().BeTrue();
        h.Status.AdvertsIn.Should().Be(1, "our own advert echoed back is not a peer's");
        h.Status.Drops.Should().BeEmpty();
        await h.StopAsync().WaitAsync(Soon);
    }

    [Fact]
    public async Task Run_AcceptModeOff_DropRuleBeforeVipsAsMaster_AfterThemLeaving()
    {
        using var h = new LoopHarness(new InstancePlan("VI_1", "eth0", Options("10.0.0.1", 100, 100), new NotifyScripts()) { DropsVipTraffic = true });
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();

        h.Deliver(Advert("10.0.0.2", 200));

        SpinWait.SpinUntil(() => h.Status.State == "BACKUP", Soon).Should().BeTrue();
        await h.StopAsync().WaitAsync(Soon);
        h.Io.AddressOps.Should().Equal(
            "-10.0.0.100", "-drop 10.0.0.100", "+drop 10.0.0.100", "+10.0.0.100", "-10.0.0.100", "-drop 10.0.0.100");
    }

    [Fact]
    public async Task Run_AcceptModeOn_NoDropRule()
    {
        using var h = Create(Options("10.0.0.1", 100, 100));
        await h.StartAsync();
        SpinWait.SpinUntil(() => h.Status.State == "MASTER", Soon).Should().BeTrue();
        await h.StopAsync().WaitAsync(Soon);

        h.Io.AddressOps.Should().NotContain(op => op.Contains("drop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Ipv6Instance_AdvertsToFf0212NeighborAdvertsCountedThenYieldsToAHigherPeer()
    {
        var options = Options("fe80::1", 100, 100) with { VirtualAddresses = [new VirtualAddress(IPAddress.Parse("fd00::100"), 64)] };
        using var h = Create(options);
        await h.StartAsync();

        SpinWait.SpinUntil(() => h.Status.State == "MASTER" && h.Io.Adverts.Count >= 2, Soon).Should().BeTrue();
        // A snapshot: the loop keeps advertising while the assertions enumerate (twice each).
        var adverts = h.Io.Adverts.ToArray();
        adverts.Select(a => a.Destination).Should().AllBeEquivalentTo(IPAddress.Parse("ff02::12"), "RFC 5798 section 5.1.2.2");
        adverts.Should().AllSatisfy(a => (a.Datagram[0] >> 4, a.Datagram[7]).Should().Be((6, (byte)255)));
        var status = h.Status;
        (status.NeighborAdvertsOut, status.GratuitousArpsOut).Should().Be((h.Io.Garps.Count, 0L), "an IPv6 VIP is announced by Neighbor Advertisement");
        status.NeighborAdvertsOut.Should().BePositive();

        h.Deliver(new AdvertCodec(options with { PrimaryAddress = IPAddress.Parse("fe80::2"), Priority = 200 }).Build(200, VrrpProtocol.IPv6Multicast, 0));

        SpinWait.SpinUntil(() => h.Status.State == "BACKUP" && h.Status.MasterAddress == "fe80::2", Soon).Should().BeTrue();
        await h.StopAsync().WaitAsync(Soon);
        h.Io.AddressOps.Should().Equal("-fd00::100", "+fd00::100", "-fd00::100");
    }

    private static LoopHarness Create(VrrpRouterOptions options) => new(new InstancePlan("VI_1", "eth0", options, new NotifyScripts()));

    private static VrrpRouterOptions Options(string primary, byte priority, int intervalMs) => new()
    {
        VirtualRouterId = 51,
        Priority = priority,
        PrimaryAddress = IPAddress.Parse(primary),
        Version = VrrpVersion.V3,
        AdvertisementInterval = TimeSpan.FromMilliseconds(intervalMs),
        VirtualAddresses = [new VirtualAddress(IPAddress.Parse("10.0.0.100"), 24)],
        Garp = new GarpOptions { MasterDelay = TimeSpan.Zero, LowerPriorityDelay = TimeSpan.Zero },
    };

    private static byte[] Advert(string source, byte priority, int intervalMs = 100, ushort identification = 1) =>
        new AdvertCodec(Options(source, priority, intervalMs)).Build(priority, IPAddress.Parse("224.0.0.18"), identification);
}
