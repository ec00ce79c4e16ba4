using HaVip.Agent.Rules;

namespace HaVip.Agent.Tests.Rules;

public sealed class NftRendererTests
{
    private static string GoldenPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", "two-ports.nft");

    [Fact]
    public void Render_TwoPorts_MatchesGoldenFile()
    {
        var text = NftRenderer.Render(Samples.State);
        if (Environment.GetEnvironmentVariable("HAVIP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath(), text);
        }
        text.Should().Be(File.ReadAllText(GoldenPath()));
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
    public void Render_NoPorts_StillReplacesTable()
    {
        var text = NftRenderer.Render(Samples.State with { Ports = [] });
        text.Should().Contain("delete table bridge havip").And.Contain("table bridge havip {").And.NotContain("jump");
    }
}
