using HaVip.Agent.Reports;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Reports;

public sealed class HolderTrackerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Observe_GarpBurst_ReportsFirstOnly_ThenChangeAtOnce()
    {
        var tracker = new HolderTracker(_time, TimeSpan.FromSeconds(5));

        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Changed);
        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Quiet);
        tracker.Observe("havip-1", "i-b").Should().Be(HolderDecision.Changed);
        tracker.Observe("havip-2", "i-b").Should().Be(HolderDecision.Changed);
        tracker.Observe("havip-1", "i-b").Should().Be(HolderDecision.Quiet);
    }

    [Fact]
    public void Observe_SameHolderAfterSilence_ReportedAtOnce_EvenWithinRefresh()
    {
        // This host's instance held the VIP, another host's took it (unseen here), and now this one is master again.
        var tracker = new HolderTracker(_time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Changed);
        _time.Advance(TimeSpan.FromSeconds(3));

        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Reclaimed);
        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Quiet);
    }

    [Fact]
    public void Observe_ContinuousClaims_RefreshedOncePerInterval_NeverReclaimed()
    {
        var tracker = new HolderTracker(_time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Changed);
        var decisions = new List<HolderDecision>();
        for (var i = 0; i < 18; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            decisions.Add(tracker.Observe("havip-1", "i-a"));
        }

        decisions.Should().ContainSingle(d => d == HolderDecision.Refresh).And.NotContain(HolderDecision.Reclaimed);
    }
}
