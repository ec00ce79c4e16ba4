namespace HaVip.Vrrp.Tests.Config;

/// <summary>Good configurations in the styles of keepalived's documentation: no diagnostics at all.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestData.PathOf("corpus"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        data.Add("included/keepalived.conf");
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusFile_HasNoDiagnostics(string file)
    {
        var result = TestData.Parse("corpus/" + file);

        TestData.Render(result).Should().BeEmpty();
        result.Config.Instances.Should().NotBeEmpty();
    }

    [Fact]
    public void Parse_CorpusHasAtLeastEightFiles() => Files().Count.Should().BeGreaterThanOrEqualTo(8);
}
