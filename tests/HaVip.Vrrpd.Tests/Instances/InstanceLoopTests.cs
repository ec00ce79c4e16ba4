using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Vrrpd.Tests.Instances;

/// <summary>The one loop that drives every instance, on a virtual clock (v3, advert_int 1 s, priority 100 unless said).</summary>
public sealed class InstanceLoopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // RFC 5798 section 6.1: 3 x 1 s + (256 - 100) / 256 x 1 s.
    private static readonly TimeSpan MasterDown = TimeSpan.FromMicroseconds(3_609_375);

    private readonly FakeTimeProvider _clock = new(T0);

    [Fact]
    public async Task Loop_Backup_TakesOverAtMasterDownIntervalNotBefore()
    {
        using var loop = new InstanceLoop(_clock);
        var (runner, io) = Runner(51);
        await loop.AddAsync(runner, []);

        await AdvanceAsync(loop, MasterDown - TimeSpan.FromMilliseconds(50));
        io.Adverts.Should().BeEmpty();
        (await loop.InvokeAsync(() => runner.Status.State)).Should().Be("BACKUP");

        await AdvanceAsync(loop, TimeSpan.FromMilliseconds(60));
        (await loop.InvokeAsync(() => runner.Status.State)).Should().Be("MASTER");
        io.Adverts.Should().ContainSingle();
    }

    [Fact]
    public async Task Loop_Masters_AdvertsRunUpToOneSixtyFourthOfTheIntervalLateAndShareAWakeUp()
    {
        using var loop = new InstanceLoop(_clock);
        var (a, ioA) = Runner(51);
        var (b, ioB) = Runner(52, priority: 101);
        await loop.AddAsync(a, []);
        await loop.AddAsync(b, []);

        // B (Master_Down_Interval 3.605 s) takes over at 3.607 s, A (3.609 s) at 3.611 s.
        await AdvanceAsync(loop, TimeSpan.FromMilliseconds(3607));
        await AdvanceAsync(loop, TimeSpan.FromMilliseconds(4));
        (ioA.Adverts.Count, ioB.Adverts.Count).Should().Be((1, 1));

        // Both adverts are due by 4.611 s, but nothing wakes the loop before B's deadline plus
        // its slack (4.607 + 1/64 s = 4.6226 s); then A's goes out in the same pass.
        var wake = await loop.InvokeAsync(() => loop.NextWake);
        wake.Should().BeAfter(T0 + TimeSpan.FromMilliseconds(4611)).And.BeOnOrBefore(T0 + TimeSpan.FromMilliseconds(4623));
        await AdvanceAsync(loop, TimeSpan.FromMilliseconds(1012));
        (ioA.Adverts.Count, ioB.Adverts.Count).Should().Be((2, 2));
    }

    [Fact]
    public async Task Loop_Removed_LeavesWithPriorityZeroAndRunsNoMoreTimers()
    {
        using var loop = new InstanceLoop(_clock);
        var (runner, io) = Runner(51);
        await loop.AddAsync(runner, []);
        await AdvanceAsync(loop, MasterDown + TimeSpan.FromMilliseconds(1));

        await loop.RemoveAsync(runner);
        await AdvanceAsync(loop, TimeSpan.FromSeconds(5));

        io.SentPriorities.Should().Equal(100, 0);
        io.AddressOps.Should().Equal("-10.0.0.51", "+10.0.0.51", "-10.0.0.51");
    }

    [Fact]
    public async Task Loop_TrackChangedPosted_ReachesOnlyThatInstance()
    {
        using var loop = new InstanceLoop(_clock);
        var (a, _) = Runner(51, track: true);
        var (b, _) = Runner(52, track: true);
        await loop.AddAsync(a, []);
        await loop.AddAsync(b, []);

        loop.Post(a, new TrackChanged(TrackKind.Interface, "eth1", false));

        (await loop.InvokeAsync(() => (a.Status.State, b.Status.State))).Should().Be(("FAULT", "BACKUP"));
    }

    /// <summary>
    /// Moves the clock, then waits for the loop to have run what fell due: the second call is
    /// queued after the pass that handled the first, which ran the timers due at the new time.
    /// </summary>
    private async Task AdvanceAsync(InstanceLoop loop, TimeSpan by)
    {
        _clock.Advance(by);
        await loop.PassAsync();
    }

    private (InstanceRunner Runner, FakeInstanceIo Io) Runner(byte vrid, bool track = false, byte priority = 100)
    {
        var options = new VrrpRouterOptions
        {
            VirtualRouterId = vrid,
            Priority = priority,
            PrimaryAddress = IPAddress.Parse("10.0.0.1"),
            Version = VrrpVersion.V3,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            VirtualAddresses = [new VirtualAddress(IPAddress.Parse($"10.0.0.{vrid}"), 24)],
            Garp = new GarpOptions { MasterDelay = TimeSpan.Zero, MasterRefresh = TimeSpan.Zero },
            Tracked = track ? [new TrackedObject(TrackKind.Interface, "eth1", 0)] : [],
        };
        var io = new FakeInstanceIo();
        var plan = new InstancePlan($"VI_{vrid}", "eth0", options, new NotifyScripts());
        return (new InstanceRunner(plan, io, new NotifyRunner(NullLogger.Instance), _clock, NullLogger.Instance), io);
    }
}
