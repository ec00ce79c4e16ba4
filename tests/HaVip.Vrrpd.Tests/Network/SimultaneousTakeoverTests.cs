using System.Diagnostics;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// Two equal-priority backups take over at the same instant; the loser (lower address) yields,
/// but its gratuitous ARP may have reached the client last. keepalived leaves the client on the
/// loser's MAC until the winner's second burst (garp_master_delay, 5 s); havipd's master
/// re-announces at once on hearing the loser, so replies resume within one advert interval.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class SimultaneousTakeoverTests(ITestOutputHelper output)
{
    private const int Client = 4;
    private const int Rounds = 5;
    private static readonly TimeSpan AdvertInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void EqualPriorityBackups_TakeOverTogetherManyTimes_NoReplyGapBeyondOneAdvertInterval()
    {
        using var lab = new NetLab(nodes: 4);
        const string global = "global_defs {\n router_id havip\n}\n";
        lab.Havipd(3, global + Conf.Instance(200));
        var loser = lab.Havipd(1, global + Conf.Instance(100));
        lab.Havipd(2, global + Conf.Instance(100));
        using var client = new IcmpProbe(lab.Ns(Client));

        for (var round = 1; round <= Rounds; round++)
        {
            Wait.Until(() => lab.VipHolders(3).SequenceEqual([3]) && Status.State(lab, 1) == "BACKUP" && Status.State(lab, 2) == "BACKUP", TimeSpan.FromSeconds(5))
                .Should().BeTrue(lab.Logs());
            Wait.Until(() => client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(100)), TimeSpan.FromSeconds(2)).Should().BeTrue();

            var replies = ProbeWhile(client, TimeSpan.FromSeconds(1.5), () => lab.LinkDown(3));

            // No backup can take over before 3 x Advertisement_Interval (RFC 5798 section 6.1):
            // replies before that are the old master's, still in flight when its link went down.
            replies = replies.Where(t => t >= 3 * AdvertInterval).ToList();
            var gap = LargestGapAfterFirstReply(replies);
            output.WriteLine($"round {round}: first reply {replies.FirstOrDefault().TotalMilliseconds:F0} ms after the fault, largest gap after it {gap.TotalMilliseconds:F0} ms");
            replies.Should().NotBeEmpty(lab.Logs());
            gap.Should().BeLessThanOrEqualTo(AdvertInterval + TimeSpan.FromMilliseconds(50), lab.Logs());
            // Whoever fired first may win outright (RFC 5798 section 6.4.2: a backup hearing an equal
            // priority resets its timer); either way exactly one holds the VIP and the client points to it.
            var holders = lab.VipHolders(2);
            holders.Should().ContainSingle(lab.Logs());
            lab.NeighbourMac(Client, NetLab.Vip).Should().Be(lab.Mac(holders[0]));
            lab.LinkUp(3);
        }

        var loserTakeovers = loser.Output.Split('\n').Count(l => l.Contains("Entering MASTER", StringComparison.Ordinal));
        output.WriteLine($"the lower-address backup entered MASTER {loserTakeovers} times over {Rounds} rounds (startup included)");
    }

    /// <summary>Pings the VIP back to back while <paramref name="fault"/> runs; returns reply times after the fault.</summary>
    private static List<TimeSpan> ProbeWhile(IcmpProbe client, TimeSpan duration, Action fault)
    {
        var replies = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var prober = Task.Run(() =>
        {
            while (clock.Elapsed < duration)
            {
                if (client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(10)))
                    replies.Add(clock.Elapsed);
            }
        });
        fault();
        var faultAt = clock.Elapsed;
        prober.Wait();
        return replies.Where(t => t > faultAt).Select(t => t - faultAt).ToList();
    }

    private static TimeSpan LargestGapAfterFirstReply(List<TimeSpan> replies) =>
        replies.Zip(replies.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
}
