using System.Diagnostics;
using System.Globalization;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// vrrp_track_process in havipd with keepalived 2.2.7 on the other side: killing the tracked
/// process moves the VIP to the peer, starting it again brings the VIP back. The process is a `sleep` with a
/// duration no other process on the machine has, matched by its command line: the process table
/// is the machine's, not the namespace's.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class TrackProcessInteropTests
{
    // Start under a loaded machine plus Master_Down_Interval (3 × 0.1 s + skew); a process change
    // is seen within one /proc poll (0.2 s), then one advert interval.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private static string Config(string routerId, int priority, string? duration, int weight) =>
        Conf.Global(routerId)
        + (duration is null ? "" : $"vrrp_track_process chk {{\n    process /usr/bin/sleep {duration}\n    weight {weight}\n}}\n")
        + Conf.Instance(priority, extra: duration is null ? null : "track_process {\n        chk\n    }");

    // Only havipd tracks the process: keepalived inside a network namespace cannot listen to the
    // kernel's process connector ("Failed to set/clear process event listen - errno 111"), so a
    // keepalived tracking a process there misses the process starting again.
    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    public void TrackedProcessKilled_MasterYieldsToPeer_AndTakesBackWhenItRunsAgain(int weight)
    {
        var duration = string.Create(CultureInfo.InvariantCulture, $"86400.{Random.Shared.Next(100000, 999999)}");
        using var lab = new NetLab(nodes: 2);
        var sleeper = Process.Start("/usr/bin/sleep", duration);
        try
        {
            lab.Havipd(1, Config("n1", 150, duration, weight));
            lab.Keepalived(2, Config("n2", 100, null, 0));

            Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());

            sleeper.Kill();
            sleeper.WaitForExit();

            Eventually.Until(() => lab.VipHolders(2).SequenceEqual([2]), Settle).Should().BeTrue($"the VIP must move to n2\n{lab.Logs()}");
            Status.State(lab, 1).Should().Be(weight == 0 ? "FAULT" : "BACKUP");

            sleeper.Dispose();
            sleeper = Process.Start("/usr/bin/sleep", duration);

            Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue($"the VIP must come back to n1 (preempt)\n{lab.Logs()}");
        }
        finally
        {
            if (!sleeper.HasExited)
                sleeper.Kill();
            sleeper.Dispose();
        }
    }
}
