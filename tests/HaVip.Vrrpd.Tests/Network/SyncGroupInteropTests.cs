using System.Net;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// vrrp_sync_group with keepalived 2.2.7 on the other side: one member's fault moves the whole
/// group, in both directions (havipd's group yields to keepalived's, and keepalived's to havipd's).
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class SyncGroupInteropTests
{
    // Start under a loaded machine plus Master_Down_Interval (3 × 0.1 s + skew) and a script interval (1 s).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private static readonly IPAddress Second = IPAddress.Parse("10.77.0.101");

    private static string Config(string routerId, int priority, string? checkFile) =>
        Conf.Global(routerId)
        + (checkFile is null ? "" : $"vrrp_script chk {{\n    script \"/usr/bin/test -f {checkFile}\"\n    interval 1\n}}\n")
        + "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n"
        + Conf.Instance(priority, extra: checkFile is null ? null : "track_script {\n        chk\n    }")
        + Conf.Instance(priority, vrid: 52, name: "VI_2", vip: "10.77.0.101/24");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OneMemberFaults_TheWholeGroupMovesToThePeer(bool havipdFaults)
    {
        using var lab = new NetLab(nodes: 2);
        var ok = Path.Combine(lab.Directory, "ok");
        File.WriteAllText(ok, "");
        if (havipdFaults)
        {
            lab.Havipd(1, Config("n1", 150, ok));
            lab.Keepalived(2, Config("n2", 100, null));
        }
        else
        {
            lab.Keepalived(1, Config("n1", 150, ok));
            lab.Havipd(2, Config("n2", 100, null));
        }

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]) && lab.VipHolders(2, Second).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());

        File.Delete(ok); // only VI_1 tracks the script: VI_2 must follow it through the group

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([2]) && lab.VipHolders(2, Second).SequenceEqual([2]), Settle)
            .Should().BeTrue($"both VIPs must move to n2\n{lab.Logs()}");
        if (havipdFaults)
            Status.State(lab, 1, "VI_2").Should().Be("FAULT");
    }
}
