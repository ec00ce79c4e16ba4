using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

public sealed class IncludeTests
{
    [Fact]
    public void Parse_IncludeGlob_RelativeToIncludingFileInSortedOrder()
    {
        var files = new InMemoryConfigFileSource(new()
        {
            ["etc/keepalived.conf"] = "include conf.d/*.conf\n",
            ["etc/conf.d/b.conf"] = "vrrp_instance B {\n interface eth0\n virtual_router_id 2\n}\n",
            ["etc/conf.d/a.conf"] = "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n bogus\n}\n",
            ["etc/other/c.conf"] = "garbage\n",
        });

        var r = new KeepalivedConfigParser(files).ParseFile("etc/keepalived.conf");

        r.Config.Instances.Select(i => i.Name).Should().Equal("A", "B");
        r.Diagnostics.Should().ContainSingle().Which.Position.Should().Be(new SourcePosition("etc/conf.d/a.conf", 4, 2));
    }

    [Fact]
    public void Parse_IncludeCycle_ReportedNotLooping()
    {
        var files = new InMemoryConfigFileSource(new() { ["k.conf"] = "include k.conf\n" });

        var r = new KeepalivedConfigParser(files).ParseFile("k.conf");

        r.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.IncludeTooDeep);
    }

    [Fact]
    public void Parse_CorpusIncludes_LoadScriptsAndInstancesFromGlobs()
    {
        var r = TestData.Parse("corpus/included/keepalived.conf");

        r.Config.GlobalDefs.RouterId.Should().Be("split");
        r.Config.Scripts.Keys.Should().Equal("chk_nginx");
        r.Config.Instances.Select(i => i.Name).Should().Equal("VI_INC_1", "VI_INC_A", "VI_INC_B");
        r.Config.Instances[0].Position.File.Should().EndWith("corpus/included/conf.d/20-instances.conf");
        r.Config.Instances[2].VirtualAddresses.Single().Address.ToString().Should().Be("10.13.0.1");
    }

    [Fact]
    public void Glob_PhysicalSource_MatchesCharacterClassesAndSkipsDotFiles()
    {
        var source = new PhysicalConfigFileSource();

        var matches = source.Glob(TestData.PathOf("corpus/included/conf.d/instance-[a]*.inc"));

        matches.Select(Path.GetFileName).Should().Equal("instance-a.inc");
    }
}
