using System.Diagnostics;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// SIGTERM on a master: it advertises priority 0 (RFC 5798 section 6.4.3) and the backup takes
/// over after Skew_Time (section 6.4.2), not after Master_Down_Interval.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class GracefulHandoverTests
{
    // v3 advert_int 1 s, backup priority 100: Skew_Time = (256 - 100) / 256 s = 0.609 s, while
    // Master_Down_Interval = 3 s + Skew_Time. The margin covers signal delivery, the master's
    // shutdown path and the 5 ms status poll on a shared, loaded machine; it is far below the
    // 3 s that would mean the priority-0 advert was missed.
    private static readonly TimeSpan SkewTime = TimeSpan.FromSeconds(156 / 256.0);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(400);

    // v3 advert_int 0.1 s, backup priority 100: Skew_Time = (256 - 100) / 256 × 0.1 s = 60.9 ms,
    // Master_Down_Interval = 360.9 ms. Measured from the priority-0 advert as one observer
    // (tcpdump on a third node) received it, so no poll, no signal delivery and no shutdown path
    // of the master counts: the backup's state change (its status) and its gratuitous ARP (the
    // wire). Issue 15's bound is Skew_Time + 20 ms, which the Native AOT build meets with room
    // (14-15 ms after the advert at advert_int 0.02, Skew_Time 12.2 ms); the tests run the JIT
    // build, whose first takeover compiles the master path (20-35 ms late at a load of 17-27).
    // The margin covers that and a loaded machine and stays far below the 300 ms (3 ×
    // Advertisement_Interval) by which a backup that ignored the priority-0 advert would be late.
    // The backup cannot act before it hears the advert plus Skew_Time: the early tolerance is the
    // two clocks' reading (kernel receive time on the observer, the loop's clock on the backup).
    private static readonly TimeSpan FastSkewTime = TimeSpan.FromSeconds(156 / 256.0 * 0.1);
    private static readonly TimeSpan JitAndLoadMargin = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void Sigterm_OnMaster_BackupTakesOverWithinSkewTimePlusMargin()
    {
        using var lab = new NetLab(nodes: 2);
        var master = lab.Havipd(1, Conf.Simple("n1", 200, advertInt: "1"));
        lab.Havipd(2, Conf.Simple("n2", 100, advertInt: "1"));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Status.State(lab, 2) == "BACKUP", TimeSpan.FromSeconds(10)).Should().BeTrue(lab.Logs());

        var clock = Stopwatch.StartNew();
        master.Signal("TERM");
        var tookOver = Eventually.Until(() => Status.State(lab, 2) == "MASTER", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5));
        var gap = clock.Elapsed;

        tookOver.Should().BeTrue(lab.Logs());
        gap.Should().BeLessThan(SkewTime + Margin, $"a priority-0 advert makes the backup wait Skew_Time only\n{lab.Logs()}");
        master.Output.Should().Contain("Entering INITIALIZE STATE (from MASTER, reason Shutdown");
    }

    [Fact]
    public void Sigterm_OnMaster_BackupAnnouncesWithinSkewTimeOfThePriorityZeroAdvert()
    {
        using var lab = new NetLab(nodes: 3);
        using var wire = WireCapture.Start(lab.Ns(3));
        var master = lab.Havipd(1, Conf.Simple("n1", 200, advertInt: "0.1"));
        lab.Havipd(2, Conf.Simple("n2", 100, advertInt: "0.1"));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Status.State(lab, 2) == "BACKUP", TimeSpan.FromSeconds(10)).Should().BeTrue(lab.Logs());

        master.Signal("TERM");
        Eventually.Until(() => Status.State(lab, 2) == "MASTER", TimeSpan.FromSeconds(5)).Should().BeTrue(lab.Logs());
        var garp = $"who-has {NetLab.Vip} (ff:ff:ff:ff:ff:ff) tell {NetLab.Vip}";
        // The master's own GARPs at start match too: only one after the priority-0 advert counts,
        // and tcpdump's lines arrive after the packets.
        var priorityZeroAdvert = new[] { $"{NetLab.Address(1)} > 224.0.0.18", "prio 0" };
        Eventually.Until(() => wire.Seen(priorityZeroAdvert).Count > 0 && wire.First(wire.Seen(priorityZeroAdvert)[0], garp) is not null, TimeSpan.FromSeconds(5))
            .Should().BeTrue(wire.Output);

        var priorityZero = wire.Seen(priorityZeroAdvert)[0];
        var announced = wire.First(priorityZero, garp)!.Value;
        var backup = Status.Instance(lab, 2);
        var tookOver = backup.GetProperty("stateSince").GetDateTimeOffset();
        var why = $"a priority-0 advert makes the backup wait Skew_Time ({FastSkewTime.TotalMilliseconds:F1} ms) only; took over {(tookOver - priorityZero).TotalMilliseconds:F1} ms and announced {(announced - priorityZero).TotalMilliseconds:F1} ms after it\n{wire.Output}\n{lab.Logs()}";
        (tookOver - priorityZero).Should().BeLessThan(FastSkewTime + JitAndLoadMargin, why);
        (announced - priorityZero).Should().BeLessThan(FastSkewTime + JitAndLoadMargin, why);
        (tookOver - priorityZero).Should().BeGreaterThan(FastSkewTime - EarlyTolerance, "RFC 5798 section 6.4.2: the backup waits Skew_Time, so the best backup wins\n" + why);
    }
}
