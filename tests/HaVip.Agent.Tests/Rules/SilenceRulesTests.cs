using HaVip.Agent.Rules;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Tests.Rules;

public sealed class SilenceRulesTests
{
    private static readonly string Key = $"10.0.240.204 . \"{Samples.BoundPort.PortName}\"";

    [Fact]
    public void Render_TwoSources_OthersAdvertsFillHeard_OwnFillSpeaking_PriorityZeroEmpties()
    {
        var text = NftRenderer.Render(Samples.Decided());
        text.Should().Contain($"ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @heard {{ {Key} timeout 2500ms }}");
        text.Should().Contain($"ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 0 delete @heard {{ {Key} }}");
        text.Should().Contain($"iifname \"{Samples.BoundPort.PortName}\" ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @speaking {{ {Key} timeout 2500ms }}");
        text.Should().Contain($"iifname \"{Samples.BoundPort.PortName}\" ip protocol 112 @th,8,8 51 @th,16,8 0 delete @speaking {{ {Key} }}");
        // After the port jumps: a spoofed advert never counts.
        text.IndexOf("update @heard", StringComparison.Ordinal).Should().BeGreaterThan(text.LastIndexOf("jump port_", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_DropInTheBoundPortsChain_WhileGatedHeardAndNotSpeaking_BeforeAntiSpoofing()
    {
        var text = NftRenderer.Render(Samples.Decided());
        var drop = $"arp saddr ip . iifname @silence arp saddr ip . iifname @heard arp saddr ip . iifname != @speaking counter name \"drop_silent_{Samples.BoundPort.PortName}\" drop";
        var chain = text[text.IndexOf($"chain port_{Samples.BoundPort.PortName}", StringComparison.Ordinal)..];
        chain.Should().Contain(drop);
        chain.IndexOf(drop, StringComparison.Ordinal).Should().BeLessThan(chain.IndexOf("ether saddr !=", StringComparison.Ordinal));
        text.Should().NotContain($"drop_silent_{Samples.UnboundPort.PortName}\" drop", "an unbound port never claims (anti-spoofing drops it)");
    }

    [Fact]
    public void Elements_LocalBoundPortWithAnotherSource_Only()
    {
        SilenceRules.Elements(Samples.Decided()).Should().Equal(new DecisionElement("10.0.240.204", Samples.BoundPort.PortName));
        // The chosen one is covered too: a SIGKILLed chosen master must lose to the backup at once.
        SilenceRules.Elements(Samples.Decided(Samples.Bound)).Should().HaveCount(1);
        SilenceRules.Elements(Samples.State).Should().BeEmpty("no advert sources, no rule (an older server, an IPv6 HAVIP)");
        var lone = Samples.Decided() with { HaVips = [Samples.Decided().HaVips[0] with { Vrrp = Samples.Vrrp with { Sources = [Samples.Vrrp.Sources[0]] } }] };
        SilenceRules.Elements(lone).Should().BeEmpty("a lone instance is never silenced");
        NftRenderer.Render(lone).Should().NotContain("@heard");
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData(20, 20)]
    [InlineData(200, 200)]
    [InlineData(3000, 3000)]
    public void Timeout_BelowMasterDownInterval_AboveTwoAdverts_OfTheSendersInterval(int? observed, int interval)
    {
        var timeout = SilenceRules.TimeoutMilliseconds(Samples.Vrrp, Samples.Vrrp.Sources[1] with { AdvertIntervalMilliseconds = observed });
        // RFC 5798 §6.1: Master_Down_Interval = 3 x interval + Skew_Time; a backup takes over no sooner.
        timeout.Should().BeLessThan(3 * interval);
        timeout.Should().BeGreaterThan(2 * interval, "one lost advert must not count as silence");
    }

    /// <summary>
    /// docs/split-brain.md, "Advert intervals": each sender's adverts are timed by the interval the
    /// platform observed it advertise (a v3 backup takes over after 3 of the master's intervals), so a
    /// pair at 200 ms lapses in 500 ms, not in the generated configuration's 2.5 s.
    /// </summary>
    [Fact]
    public void Render_EachSendersAdvertsTimedByItsObservedInterval()
    {
        var port = Samples.BoundPort.PortName;
        var vrrp = Samples.Vrrp with
        {
            Sources = [Samples.Vrrp.Sources[0] with { AdvertIntervalMilliseconds = 200 }, Samples.Vrrp.Sources[1] with { AdvertIntervalMilliseconds = 3000 },
                new HaVipAdvertSourceDto("i-third", "10.0.240.17", 200)],
        };
        var vip = Samples.Decided().HaVips[0];
        var text = NftRenderer.Render(Samples.Decided() with { HaVips = [vip with { Vrrp = vrrp, Decision = vip.Decision! with { AdvertIntervalMilliseconds = 3000 } }] });

        text.Should().Contain($"iifname \"{port}\" ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @speaking {{ {Key} timeout 500ms }}", "the port's own adverts come every 200 ms");
        text.Should().Contain($"ip saddr 10.0.240.17 ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @heard {{ {Key} timeout 500ms }}");
        text.Should().Contain($"ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 != 0 update @heard {{ {Key} timeout 7500ms }}");
        text.Should().Contain("ip saddr 10.0.240.15 ip protocol 112 @th,8,8 51 @th,16,8 0 delete @heard").And.Contain("ip saddr 10.0.240.17 ip protocol 112 @th,8,8 51 @th,16,8 0 delete @heard");
        text.Should().Contain("update @armed { 10.0.240.204 timeout 7500ms }", "the chosen one's adverts arm for 2.5 of its own intervals");
        text.Should().NotContain("2500ms", "no advert here is timed by the generated interval");
    }

    [Fact]
    public void RenderRefresh_State_RefreshesDecisionsAndSilenceGates()
    {
        var text = ArbitrationRules.RenderRefresh(Samples.Decided());
        text.Should().Contain($"add element bridge havip decision {{ {Key} timeout 3s }}");
        text.Should().Contain($"delete element bridge havip silence {{ {Key} }}\nadd element bridge havip silence {{ {Key} timeout 3s }}");
    }
}
