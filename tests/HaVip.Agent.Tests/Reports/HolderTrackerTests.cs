using HaVip.Agent.Reports;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Reports;

public sealed class HolderTrackerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Observe_GarpBurst_ReportsFirstOnly_ThenChangeAtOnce_ThenRefresh()
    {
        var tracker = new HolderTracker(_time, TimeSpan.FromSeconds(5));

        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Changed);
        tracker.Observe("havip-1", "i-a").Should().Be(HolderDecision.Quiet);
        tracker.Observe("havip-1", "i-b").Should().Be(HolderDecision.Changed);
        tracker.Observe("havip-2", "i-b").Should().Be(HolderDecision.Changed);
        _time.Advance(TimeSpan.FromSeconds(5));
        tracker.Observe("havip-1", "i-b").Should().Be(HolderDecision.Refresh);
        tracker.Observe("havip-1", "i-b").Should().Be(HolderDecision.Quiet);
    }
}
