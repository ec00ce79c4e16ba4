namespace HaVip.Vrrpd.Tests.Network;

/// <summary>keepalived 2.2.7 and havipd in one cluster: they must elect and fail over as one.</summary>
[Collection(NetworkCollection.Name)]
public sealed class MixedClusterTests
{
    private const int Client = 4;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public enum Fault
    {
        LinkDown,
        ProcessKilled,
    }

    [Theory]
    [InlineData(Fault.LinkDown)]
    [InlineData(Fault.ProcessKilled)]
    public void KeepalivedMaster_Fails_BestHavipdBackupTakesOverAndClientFollows(Fault fault)
    {
        using var lab = new NetLab(nodes: 4);
        var master = lab.Keepalived(3, Conf.Simple("n3", 130));
        lab.Havipd(1, Conf.Simple("n1", 110));
        lab.Havipd(2, Conf.Simple("n2", 120));
        Eventually.Until(() => lab.VipHolders(3).SequenceEqual([3]) && Status.State(lab, 1) == "BACKUP" && Status.State(lab, 2) == "BACKUP", Settle)
            .Should().BeTrue(lab.Logs());
        Status.Instance(lab, 2).GetProperty("masterAddress").GetString().Should().Be("10.77.0.3", "havipd accepts keepalived's adverts");

        Inject(lab, master, 3, fault);

        Eventually.Until(() => Status.State(lab, 2) == "MASTER" && Status.State(lab, 1) == "BACKUP", Settle).Should().BeTrue(lab.Logs());
        ClientReaches(lab, 2);
    }

    [Theory]
    [InlineData(Fault.LinkDown)]
    [InlineData(Fault.ProcessKilled)]
    public void HavipdMaster_Fails_BestKeepalivedBackupTakesOverAndClientFollows(Fault fault)
    {
        using var lab = new NetLab(nodes: 4);
        var master = lab.Havipd(3, Conf.Simple("n3", 130));
        lab.Keepalived(1, Conf.Simple("n1", 110));
        lab.Keepalived(2, Conf.Simple("n2", 120));
        Eventually.Until(() => lab.VipHolders(3).SequenceEqual([3]) && Status.State(lab, 3) == "MASTER", Settle).Should().BeTrue(lab.Logs());
        Thread.Sleep(300);
        lab.VipHolders(3).Should().Equal([3], "keepalived accepts havipd's adverts\n" + lab.Logs());

        Inject(lab, master, 3, fault);

        // A SIGKILLed daemon leaves its VIP on its interface (so does keepalived): only the others count.
        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([2]), Settle).Should().BeTrue(lab.Logs());
        ClientReaches(lab, 2);
        if (fault != Fault.ProcessKilled)
            return;

        // Restarted as a backup, havipd first clears the VIP its killed predecessor left behind.
        lab.Havipd(3, Conf.Simple("n3", 90));
        Eventually.Until(() => lab.VipHolders(3).SequenceEqual([2]) && Status.State(lab, 3) == "BACKUP", Settle).Should().BeTrue(lab.Logs());
    }

    private static void Inject(NetLab lab, VrrpProcess master, int node, Fault fault)
    {
        if (fault == Fault.LinkDown)
            lab.LinkDown(node);
        else
            master.Kill();
    }

    private static void ClientReaches(NetLab lab, int holder)
    {
        using var client = new IcmpProbe(lab.Ns(Client));
        Eventually.Until(() => client.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(200)), TimeSpan.FromSeconds(3)).Should().BeTrue(lab.Logs());
        Eventually.Until(() => lab.NeighbourMac(Client, NetLab.Vip) == lab.Mac(holder), TimeSpan.FromSeconds(2))
            .Should().BeTrue($"the client's ARP entry for the VIP must point to n{holder}\n{lab.Logs()}");
    }
}
