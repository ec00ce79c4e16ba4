namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// <c>havipd --config-test</c> and <c>keepalived --config-test</c> over the corpus in ConfigCorpus/
/// (configurations in the styles of OpenStack, Kubernetes HA, database clusters, gateways and DNS
/// pairs, with CRLF, no final newline, one-line blocks, braces on the next line, a long auth_pass):
/// the same verdict for every file. Both run in one namespace holding eth0 and eth1, since both
/// check that an instance's interface exists. keepalived must be installed (it is in CI): a missing
/// one fails the test instead of passing it unseen.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class ConfigTestParityTests
{
    private const string Keepalived = "/usr/sbin/keepalived";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ConfigCorpus"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ConfigTest_CorpusFile_SameVerdictAsKeepalived(string file)
    {
        File.Exists(Keepalived).Should().BeTrue($"keepalived must be installed for this test (CI={Environment.GetEnvironmentVariable("CI")}): apt-get install keepalived");
        using var lab = new NetLab(nodes: 1);
        Shell.Ip("-n", lab.Ns(1), "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
        var path = Path.Combine(AppContext.BaseDirectory, "ConfigCorpus", file);

        var keepalivedOk = Shell.Try("ip", ["netns", "exec", lab.Ns(1), Keepalived, "--config-test", "-f", path], out var keepalivedSays);
        var args = new List<string> { "netns", "exec", lab.Ns(1) };
        args.AddRange(HavipdPath.Command);
        args.AddRange(["--config-test", "-f", path]);
        var havipdOk = Shell.Try("ip", [.. args], out var havipdSays);

        havipdOk.Should().Be(keepalivedOk, $"{file}: keepalived says\n{keepalivedSays}\nhavipd says\n{havipdSays}");
    }

    [Fact]
    public void Corpus_HasBothVerdictsAndTheMessyForms()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "ConfigCorpus");
        var texts = Directory.GetFiles(dir, "*.conf").Select(File.ReadAllText).ToList();

        texts.Should().HaveCountGreaterThanOrEqualTo(10);
        texts.Should().Contain(t => t.Contains("\r\n", StringComparison.Ordinal), "one file has CRLF line ends");
        texts.Should().Contain(t => !t.EndsWith('\n'), "one file has no final newline");
        texts.Should().Contain(t => t.Contains("{ group {", StringComparison.Ordinal), "one file has one-line blocks");
    }
}
