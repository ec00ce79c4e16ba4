using HaVip.Agent.Rules;

namespace HaVip.Agent.Tests.Rules;

public sealed class NftRendererTests
{
    private static string GoldenPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);

    [Fact]
    public void Render_TwoPorts_MatchesGoldenFile() => MatchesGolden(NftRenderer.Render(Samples.State), "two-ports.nft");

    [Fact]
    public void Render_DualStack_MatchesGoldenFile() => MatchesGolden(NftRenderer.Render(Samples.DualStack), "dual-stack.nft");

    [Fact]
    public void Render_DualStack_Ipv6SourcesAndTargetsPerPort()
    {
        var text = NftRenderer.Render(Samples.DualStack);
        text.Should().Contain("ip6 saddr != { ::, fe80::ff:fe00:e, fd00:10:240::14, fd00:10:240::204 } counter name \"drop_ip6_tbound001eth0\" drop");
        text.Should().Contain("ip6 saddr != { ::, fe80::ff:fe00:10, fd00:10:240::16 } counter name \"drop_ip6_tother002eth0\" drop");
        text.Should().Contain("icmpv6 type nd-neighbor-advert @th,64,128 != { 0xfe80000000000000000000fffe000010, 0xfd000010024000000000000000000016 }");
        text.Should().Contain("ether type != { ip, arp, ip6 }");
    }

    [Fact]
    public void Render_Ipv4OnlyPort_AllowsItsLinkLocalOnly()
    {
        NftRenderer.Render(Samples.State).Should().Contain("ip6 saddr != { ::, fe80::ff:fe00:10 } counter name \"drop_ip6_tother002eth0\" drop");
    }

    [Theory]
    [InlineData("02:00:00:00:00:0e", "fe80::ff:fe00:e")]
    [InlineData("52:54:00:12:34:56", "fe80::5054:ff:fe12:3456")]
    [InlineData("00:1b:21:aa:bb:cc", "fe80::21b:21ff:feaa:bbcc")]
    public void LinkLocal_IsTheModifiedEui64OfTheMac(string mac, string expected)
    {
        Ipv6Rules.LinkLocal(mac).ToString().Should().Be(expected);
    }

    private static void MatchesGolden(string text, string name)
    {
        if (Environment.GetEnvironmentVariable("HAVIP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath(name), text);
        }
        text.Should().Be(File.ReadAllText(GoldenPath(name)));
    }

    [Fact]
    public void Render_SameState_SameText()
    {
        NftRenderer.Render(Samples.State).Should().Be(NftRenderer.Render(Samples.State with { }));
    }

    [Fact]
    public void Render_BoundPort_AllowsVip_UnboundDoesNot()
    {
        var text = NftRenderer.Render(Samples.State);
        text.Should().Contain("arp saddr ip != { 10.0.240.14, 10.0.240.204 }");
        text.Should().Contain("arp saddr ip != { 10.0.240.16 }");
    }

    [Fact]
    public void RenderUpdate_ReplacesChainsCountersAndTheAgentsSets_KeepsTheDataPathsSets()
    {
        var next = Samples.Decided() with { Ports = [Samples.BoundPort] };
        var unbound = Samples.UnboundPort.PortName;

        var text = NftRenderer.RenderUpdate(Samples.Decided(), next);

        text.Should().NotContain("delete table");
        text.Should().Contain("flush chain bridge havip prerouting\n").And.Contain("delete chain bridge havip prerouting\n");
        text.Should().Contain($"delete chain bridge havip port_{unbound}\n", "a port gone takes its chain").And.Contain($"delete counter bridge havip drop_mac_{unbound}\n");
        text.IndexOf($"flush chain bridge havip port_{unbound}", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("delete chain", StringComparison.Ordinal), "no chain is deleted while a jump still refers to it");
        text.Should().Contain("delete set bridge havip decision\n").And.Contain("delete set bridge havip silence\n");
        foreach (var set in new[] { "armed", "heard", "speaking" })
        {
            text.Should().NotContain($"set bridge havip {set}", "the data path's sets are never re-created");
        }
        var rendered = NftRenderer.Render(next);
        text.Should().EndWith(rendered[rendered.IndexOf("table bridge havip {", StringComparison.Ordinal)..], "the same table as a fresh write");
    }

    [Fact]
    public void Render_NoPorts_StillReplacesTable()
    {
        var text = NftRenderer.Render(Samples.State with { Ports = [] });
        text.Should().Contain("delete table bridge havip").And.Contain("table bridge havip {").And.NotContain("jump");
    }
}
