using System.Net;
using HaVip.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Instances;

/// <summary>The runner's wiring (state machine ↔ codec ↔ OS) on the real clock with fast v3 timers and a fake OS.</summary>
public sealed class InstanceRunnerTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Run_Alone_BecomesMasterAddsVipSendsGarpThenLeavesWithPriorityZero()
    {
        var (runner, io) = Create(Options("10.0.0.1", 100, 100));
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);

        SpinWait.SpinUntil(() => runner.Status.State == "MASTER", Soon).Should().BeTrue();
        SpinWait.SpinUntil(() => io.Adverts.Count >= 2, Soon);
        await stop.CancelAsync();
        await run.WaitAsync(Soon);

        io.AddressOps.Should().Equal("-10.0.0.100", "+10.0.0.100", "-10.0.0.100");
        io.Garps.Should().NotBeEmpty().And.AllBeEquivalentTo(IPAddress.Parse("10.0.0.100"));
        io.Adverts.Select(a => a.Destination).Should().AllBeEquivalentTo(IPAddress.Parse("224.0.0.18"));
        io.SentPriorities[^1].Should().Be(0, "a leaving master advertises priority 0 (RFC 5798 section 6.4.3)");
        runner.Status.AdvertsOut.Should().Be(io.Adverts.Count);
    }

    [Fact]
    public async Task Run_MasterHearsHigherPriority_BecomesBackupAndRemovesVip()
    {
        var (runner, io) = Create(Options("10.0.0.1", 100, 100));
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        SpinWait.SpinUntil(() => runner.Status.State == "MASTER", Soon).Should().BeTrue();

        io.Deliver(Advert("10.0.0.2", 200));

        SpinWait.SpinUntil(() => runner.Status.State == "BACKUP", Soon).Should().BeTrue();
        SpinWait.SpinUntil(() => runner.Status.MasterAddress == "10.0.0.2", Soon).Should().BeTrue();
        await stop.CancelAsync();
        await run.WaitAsync(Soon);
        io.AddressOps.Should().Equal("-10.0.0.100", "+10.0.0.100", "-10.0.0.100");
        runner.Status.AdvertsIn.Should().Be(1);
    }

    [Fact]
    public async Task Run_MasterHearsLowerPriorityMaster_ReannouncesAtOnce()
    {
        var (runner, io) = Create(Options("10.0.0.1", 200, 1000));
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        SpinWait.SpinUntil(() => runner.Status.State == "MASTER", TimeSpan.FromSeconds(6)).Should().BeTrue();
        var (adverts, garps) = (io.Adverts.Count, io.Garps.Count);

        io.Deliver(Advert("10.0.0.2", 100, intervalMs: 1000));

        // Well inside the 1 s advert interval: only the re-announce can explain new packets.
        SpinWait.SpinUntil(() => io.Adverts.Count > adverts && io.Garps.Count > garps, TimeSpan.FromMilliseconds(500)).Should().BeTrue();
        runner.Status.State.Should().Be("MASTER");
        await stop.CancelAsync();
        await run.WaitAsync(Soon);
    }

    [Fact]
    public async Task Run_UnicastPeers_AdvertsGoToEachPeer()
    {
        var options = Options("10.0.0.1", 100, 100) with { UnicastPeers = [IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3")] };
        var (runner, io) = Create(options);
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);

        SpinWait.SpinUntil(() => io.Adverts.Count >= 4, Soon).Should().BeTrue();
        await stop.CancelAsync();
        await run.WaitAsync(Soon);

        io.Adverts.Select(a => a.Destination.ToString()).Distinct().Should().BeEquivalentTo("10.0.0.2", "10.0.0.3");
    }

    [Fact]
    public async Task Run_BadTtl_CountedAndIgnored()
    {
        var (runner, io) = Create(Options("10.0.0.1", 100, 100));
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        SpinWait.SpinUntil(() => runner.Status.State == "MASTER", Soon).Should().BeTrue();
        var bad = Advert("10.0.0.2", 250);
        bad[8] = 64; // TTL; the IP checksum is not re-done, and the header check comes first

        io.Deliver(bad);

        SpinWait.SpinUntil(() => runner.Status.Drops.Count > 0, Soon).Should().BeTrue();
        runner.Status.Drops.Keys.Should().ContainSingle().Which.Should().BeOneOf("BadTtl", "BadIpChecksum");
        runner.Status.State.Should().Be("MASTER");
        await stop.CancelAsync();
        await run.WaitAsync(Soon);
    }

    private static (InstanceRunner Runner, FakeInstanceIo Io) Create(VrrpRouterOptions options)
    {
        var io = new FakeInstanceIo();
        var plan = new InstancePlan("VI_1", "eth0", options, new NotifyScripts(), "x");
        return (new InstanceRunner(plan, io, new NotifyRunner(NullLogger.Instance), TimeProvider.System, NullLogger.Instance), io);
    }

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

    private static byte[] Advert(string source, byte priority, int intervalMs = 100) =>
        new AdvertCodec(Options(source, priority, intervalMs)).Build(priority, IPAddress.Parse("224.0.0.18"), 1);
}
