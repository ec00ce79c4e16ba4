namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// track_file with keepalived 2.2.7 on the other side: the number written into the file, times
/// the weight, moves havipd's priority (and with weight 0 faults it), so the VIP moves to
/// keepalived and back, in whichever daemon tracks the file.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class TrackFileInteropTests
{
    // Start under a loaded machine plus Master_Down_Interval (3 × 0.1 s + skew); a file change is
    // seen at once (inotify), then one advert interval.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private static string Config(string routerId, int priority, string? file, int weight) =>
        Conf.Global(routerId)
        + (file is null ? "" : $"track_file tf {{\n    file {file}\n    weight {weight}\n    init_file\n}}\n")
        + Conf.Instance(priority, extra: file is null ? null : "track_file {\n        tf\n    }");

    [Theory]
    [InlineData(true, -60, "1")]
    [InlineData(false, -60, "1")]
    [InlineData(true, 0, "7")]
    public void FileWritten_MasterYieldsToPeer_AndTakesBackWhenZero(bool havipdTracks, int weight, string value)
    {
        using var lab = new NetLab(nodes: 2);
        var file = Path.Combine(lab.Directory, "tf");
        if (havipdTracks)
        {
            lab.Havipd(1, Config("n1", 150, file, weight));
            lab.Keepalived(2, Config("n2", 100, null, 0));
        }
        else
        {
            lab.Keepalived(1, Config("n1", 150, file, weight));
            lab.Havipd(2, Config("n2", 100, null, 0));
        }

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue(lab.Logs());
        File.ReadAllText(file).Should().Be("0\n", "init_file writes 0 when the file is missing");

        File.WriteAllText(file, value + "\n");

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([2]), Settle).Should().BeTrue($"the VIP must move to n2\n{lab.Logs()}");
        if (havipdTracks)
        {
            var n1 = Status.Instance(lab, 1);
            (weight == 0 ? n1.GetProperty("state").GetString() : n1.GetProperty("effectivePriority").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Should().Be(weight == 0 ? "FAULT" : "90");
        }

        File.WriteAllText(file, "0\n");

        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]), Settle).Should().BeTrue($"the VIP must come back to n1 (preempt)\n{lab.Logs()}");
    }
}
