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
}
