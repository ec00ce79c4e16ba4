using HaVip.Agent.Rules;

namespace HaVip.Agent.Tests.Rules;

public sealed class ArbitrationRulesTests
{
    private static string GoldenPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", "decided.nft");

    [Fact]
    public void Render_Decided_MatchesGoldenFile()
    {
        var text = NftRenderer.Render(Samples.Decided());
        if (Environment.GetEnvironmentVariable("HAVIP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath(), text);
        }
        text.Should().Be(File.ReadAllText(GoldenPath()));
    }

    [Fact]
    public void Render_RemoteChosen_DropsTheLocalBoundPortsClaimsOnly_WhileDecidedAndArmed()
    {
        var text = NftRenderer.Render(Samples.Decided());
        var drop = $"arp saddr ip . iifname @decision arp saddr ip @armed counter name \"drop_arbitration_{Samples.BoundPort.PortName}\" drop";
        var boundChain = text[text.IndexOf($"chain port_{Samples.BoundPort.PortName}", StringComparison.Ordinal)..];
        boundChain.Should().Contain(drop);
        // Before the anti-spoofing rules: the loser's claims are its own MAC and an allowed IP.
        boundChain.IndexOf(drop, StringComparison.Ordinal).Should().BeLessThan(boundChain.IndexOf("ether saddr !=", StringComparison.Ordinal));
        text.Should().NotContain($"drop_arbitration_{Samples.UnboundPort.PortName}\" drop", "an unbound port never claims (anti-spoofing drops it)");
    }

    [Fact]
    public void Render_Decided_ArmsOnTheChosenAdvertSourceAndVrid_DisarmsOnPriorityZero()
    {
        var text = NftRenderer.Render(Samples.Decided());
        text.Should().Contain("ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @armed { 10.0.240.204 timeout 2500ms }");
        text.Should().Contain("ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 0 delete @armed { 10.0.240.204 }");
    }

    [Fact]
    public void Render_NoDecision_NoDropNoArming()
    {
        var text = NftRenderer.Render(Samples.State);
        text.Should().NotContain("@decision").And.NotContain("@armed");
    }

    [Fact]
    public void Elements_LocalChosen_NothingToDrop()
    {
        ArbitrationRules.Elements(Samples.Decided(Samples.Bound)).Should().BeEmpty();
        ArbitrationRules.Elements(Samples.Decided()).Should().Equal(new DecisionElement("10.0.240.204", Samples.BoundPort.PortName));
    }

    [Fact]
    public void ArmedTimeout_BelowMasterDownInterval_AboveTwoAdverts()
    {
        var decision = Samples.Decided().HaVips[0].Decision!;
        var timeout = ArbitrationRules.ArmedTimeoutMilliseconds(decision);
        // RFC 5798: Master_Down_Interval = 3 x interval + Skew_Time; a backup takes over no sooner.
        timeout.Should().BeLessThan(3 * decision.AdvertIntervalMilliseconds);
        timeout.Should().BeGreaterThan(2 * decision.AdvertIntervalMilliseconds, "one lost advert must not disarm");
    }

    [Fact]
    public void RenderRefresh_AddsDeletesAndAddsEachElement_InOneText()
    {
        var text = ArbitrationRules.RenderRefresh(ArbitrationRules.Elements(Samples.Decided()));
        var key = $"10.0.240.204 . \"{Samples.BoundPort.PortName}\"";
        text.Should().Be(
            $"add element bridge havip decision {{ {key} timeout 3s }}\n" +
            $"delete element bridge havip decision {{ {key} }}\n" +
            $"add element bridge havip decision {{ {key} timeout 3s }}\n");
    }
}
