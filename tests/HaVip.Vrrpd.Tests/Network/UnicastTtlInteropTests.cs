namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// <c>unicast_ttl</c> on the wire: havipd's unicast adverts leave with the configured TTL, and a
/// peer with unicast peers hears them although the TTL is not 255, as keepalived does (it checks
/// TTL 255 only without unicast peers).
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class UnicastTtlInteropTests
{
    // havipd starts in a few seconds on a loaded machine (JIT build).
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);

    // v3 advert_int 0.1 s, priority 100: Master_Down_Interval = 0.3 + 0.061 s (RFC 5798 section
    // 6.1). A backup that dropped the master's adverts would be MASTER after it; 5 s of margin
    // for a loaded machine, and the wait is for the evidence, not the whole of it.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    private static string Unicast(int self, int[] peers, string? ttl) =>
        $"unicast_src_ip {NetLab.Address(self)}\n unicast_peer {{\n {string.Join("\n ", peers.Select(NetLab.Address))}\n }}\n" + (ttl is null ? "" : $" unicast_ttl {ttl}\n");

    [Fact]
    public void UnicastTtl_AdvertsCarryIt_AndHavipdAndKeepalivedBackupsHearThem()
    {
        using var lab = new NetLab(nodes: 3);
        using var wire = VrrpProcess.Start("tcpdump -v", "ip", ["netns", "exec", lab.Ns(2), "tcpdump", "-i", "eth0", "-n", "-v", "-l", "-p", "vrrp"], null);
        Eventually.Until(() => wire.Output.Contains("listening on", StringComparison.Ordinal), Startup).Should().BeTrue(wire.Output);

        lab.Havipd(1, Conf.Global("n1") + Conf.Instance(200, extra: Unicast(1, [2, 3], "7")));
        lab.Havipd(2, Conf.Global("n2") + Conf.Instance(100, extra: Unicast(2, [1], null)));
        lab.Keepalived(3, Conf.Global("n3") + Conf.Instance(100, extra: Unicast(3, [1], null)));

        Eventually.Until(() => wire.Output.Contains("ttl 7,", StringComparison.Ordinal), Startup).Should().BeTrue(wire.Output);
        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Status.State(lab, 2) == "BACKUP" && lab.VipHolders(3).SequenceEqual([1]), Startup)
            .Should().BeTrue(lab.Logs());

        // Held: both backups keep hearing the master for several Master_Down_Intervals.
        Eventually.Until(() => Status.Instance(lab, 2, "VI_1").GetProperty("advertsIn").GetInt64() >= 30, Settle).Should().BeTrue(lab.Logs());
        (Status.State(lab, 2), lab.VipHolders(3)).Should().BeEquivalentTo(("BACKUP", new List<int> { 1 }), lab.Logs());
        Status.Drops(Status.Instance(lab, 2, "VI_1"), "BadTtl").Should().Be(0);
    }
}
