using System.Net;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// A track_file whose directory does not exist, side by side with keepalived 2.2.7: both remove
/// it at start ("Track file directory for tf does not exist - removing"), so even
/// <c>weight 0 reverse</c>, which faults on reading 0, leaves the instance to run; a track_file
/// naming a directory stays and reads 0 in both.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class TrackFileDirectoryTests
{
    // Start on a loaded machine plus Master_Down_Interval (3 × 0.1 s + skew).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private static string Config(string routerId, string path, int vrid, string vip) =>
        Conf.Global(routerId)
        + $"track_file tf {{\n    file {path}\n    weight 0 reverse\n}}\n"
        + $"track_file dir {{\n    file {Path.GetDirectoryName(path)!.Replace("/missing", "", StringComparison.Ordinal)}\n    weight -10\n}}\n"
        + Conf.Instance(150, vrid: vrid, vip: vip, extra: "track_file {\n        tf\n        dir\n    }");

    [Fact]
    public void MissingDirectory_TrackFileRemoved_InstanceBecomesMasterAsKeepalived()
    {
        using var lab = new NetLab(nodes: 2);
        var path = Path.Combine(lab.Directory, "missing", "tf");
        var havipd = lab.Havipd(1, Config("n1", path, 51, "10.77.0.100/24"));
        var keepalived = lab.Keepalived(2, Config("n2", path, 52, "10.77.0.101/24"));

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]) && lab.VipHolders(2, IPAddress.Parse("10.77.0.101")).SequenceEqual([2]), Settle)
            .Should().BeTrue($"both run their instance as if tf were not there\n{lab.Logs()}");
        Status.State(lab, 1).Should().Be("MASTER");
        Status.Instance(lab, 1).GetProperty("effectivePriority").GetInt32().Should().Be(150, "the directory named as a file reads 0");
        havipd.Output.Should().Contain("Track file directory for tf does not exist - removing");
        keepalived.Output.Should().Contain("Track file directory for tf does not exist - removing");
    }
}
