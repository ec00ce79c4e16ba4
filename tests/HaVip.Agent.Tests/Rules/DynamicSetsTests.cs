using HaVip.Agent.Rules;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Tests.Rules;

public sealed class DynamicSetsTests
{
    private const string VipAddress = "10.0.240.204";
    private static readonly string Key = $"{VipAddress} . \"{Samples.BoundPort.PortName}\"";

    private static string Removed(string set, string key) => $"add element bridge havip {set} {{ {key} }}\ndelete element bridge havip {set} {{ {key} }}\n";

    [Fact]
    public void RenderStale_SameArmingSourcesAndIntervals_DeletesNothing()
    {
        var rebound = Samples.Decided() with { Sequence = 43, Ports = [Samples.BoundPort with { AllowedIps = [.. Samples.BoundPort.AllowedIps, "10.0.240.77"] }, Samples.UnboundPort] };

        DynamicSets.RenderStale(Samples.Decided(), rebound).Should().BeEmpty("the data path's elements still say what the new rules would");
    }

    [Fact]
    public void RenderStale_DecisionMoved_DeletesArmedOnly()
    {
        DynamicSets.RenderStale(Samples.Decided(), Samples.Decided(chosen: Samples.Bound)).Should().Be(Removed("armed", VipAddress),
            "armed by the former chosen's adverts is no evidence that the new one advertises; heard and speaking stand");
    }

    [Fact]
    public void RenderStale_SourcesChanged_DeletesHeard_KeepsSpeaking()
    {
        var state = Samples.Decided();
        var moved = state with { HaVips = [state.HaVips[0] with { Vrrp = Samples.Vrrp with { Sources = [Samples.Vrrp.Sources[0], new HaVipAdvertSourceDto(Samples.Remote, "10.0.240.99")] } }] };

        DynamicSets.RenderStale(state, moved).Should().Be(Removed("heard", Key), "heard from former sources says nothing of the new ones; speaking only ever lets claims pass");
    }

    /// <summary>The kernel refreshes an element by its own timeout, not the rule's: one timed by a former interval is re-created.</summary>
    [Fact]
    public void RenderStale_IntervalsChanged_DeletesWhatTheyTimed()
    {
        var state = Samples.Decided();
        var retimed = state with
        {
            HaVips = [state.HaVips[0] with
            {
                Decision = state.HaVips[0].Decision! with { AdvertIntervalMilliseconds = 200 },
                Vrrp = Samples.Vrrp with { Sources = [Samples.Vrrp.Sources[0], Samples.Vrrp.Sources[1] with { AdvertIntervalMilliseconds = 200 }] },
            }],
        };
        DynamicSets.RenderStale(state, retimed).Should().Be(Removed("armed", VipAddress) + Removed("heard", Key), "the port's own interval is unchanged");

        var ownRetimed = state with { HaVips = [state.HaVips[0] with { Vrrp = Samples.Vrrp with { Sources = [Samples.Vrrp.Sources[0] with { AdvertIntervalMilliseconds = 200 }, Samples.Vrrp.Sources[1]] } }] };
        DynamicSets.RenderStale(state, ownRetimed).Should().Be(Removed("heard", Key) + Removed("speaking", Key),
            "speaking timed by 2.5 s would keep lapsing 2.5 s after a 200 ms port's last advert");
    }

    [Fact]
    public void RenderStale_HaVipGone_DeletesItsElements_HaVipNew_DeletesAnyLeftOver()
    {
        var all = Removed("armed", VipAddress) + Removed("heard", Key) + Removed("speaking", Key);

        DynamicSets.RenderStale(Samples.Decided(), Samples.State).Should().Be(all);
        DynamicSets.RenderStale(Samples.State, Samples.Decided()).Should().Be(all, "elements left by an earlier state's rules start afresh");
    }
}
