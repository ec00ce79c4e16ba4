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
            Eventually.Until(() => lab.VipHolders(3).SequenceEqual([3]) && Status.State(lab, 1) == "BACKUP" && Status.State(lab, 2) == "BACKUP", TimeSpan.FromSeconds(5))
                .Should().BeTrue(lab.Logs());
            Eventually.Until(() => client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(100)), TimeSpan.FromSeconds(2)).Should().BeTrue();

            var probes = ProbeWhile(client, TimeSpan.FromSeconds(2), () => lab.LinkDown(3));

            // No backup can take over before 3 x Advertisement_Interval (RFC 5798 section 6.1):
            // replies before that are the old master's, still in flight when its link went down.
            probes = probes.Where(p => p.SentAt >= 3 * AdvertInterval).ToList();
            var firstReply = probes.FindIndex(p => p.Replied);
            firstReply.Should().BeGreaterThanOrEqualTo(0, Diagnose(lab, client));
            var gap = LongestUnansweredSpan(probes[firstReply..]);
            output.WriteLine($"round {round}: first reply {probes[firstReply].SentAt.TotalMilliseconds:F0} ms after the fault, longest unanswered span after it {gap.TotalMilliseconds:F0} ms, {probes.Count} probes");
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

    /// <summary>Pings the VIP every ~2 ms while <paramref name="fault"/> runs; send times are relative to the fault.</summary>
    private static List<(TimeSpan SentAt, bool Replied)> ProbeWhile(IcmpProbe client, TimeSpan duration, Action fault)
    {
        var probes = new List<(TimeSpan, bool)>();
        var clock = Stopwatch.StartNew();
        var prober = Task.Run(() =>
        {
            while (clock.Elapsed < duration)
            {
                var sentAt = clock.Elapsed;
                probes.Add((sentAt, client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(10))));

                // About one probe per 2 ms: fine enough against a 100 ms interval, light on a shared CPU.
                if (clock.Elapsed - sentAt < TimeSpan.FromMilliseconds(2))
                    Thread.Sleep(2);
            }
        });
        fault();
        var faultAt = clock.Elapsed;
        prober.Wait();
        return probes.Select(p => (p.Item1 - faultAt, p.Item2)).Where(p => p.Item1 > TimeSpan.Zero).ToList();
    }

    /// <summary>
    /// From the first unanswered probe of a run to the next answered one: time the client was asking
    /// and getting nothing. A probe thread starved of CPU sends nothing, so it cannot fake a gap.
    /// </summary>
    private static TimeSpan LongestUnansweredSpan(List<(TimeSpan SentAt, bool Replied)> probes)
    {
        var longest = TimeSpan.Zero;
        TimeSpan? firstMiss = null;
        foreach (var (sentAt, replied) in probes)
        {
            if (!replied)
            {
                firstMiss ??= sentAt;
            }
            else if (firstMiss is { } miss)
            {
                longest = sentAt - miss > longest ? sentAt - miss : longest;
                firstMiss = null;
            }
        }

        return firstMiss is { } open && probes.Count > 0 ? Max(longest, probes[^1].SentAt - open) : longest;
    }

    private static string Diagnose(NetLab lab, IcmpProbe client) =>
        $"neigh: {Shell.Ip("-n", lab.Ns(Client), "neigh")}\nmacs: {lab.Mac(1)} {lab.Mac(2)} {lab.Mac(3)}\nholders: {string.Join(',', lab.VipHolders(3))}\n"
        + $"ping now: {client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(200))}\n{lab.Logs()}";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
