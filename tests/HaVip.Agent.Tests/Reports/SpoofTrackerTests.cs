using HaVip.Agent.Reports;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Reports;

public sealed class SpoofTrackerTests
{
    [Fact]
    public void Observe_FirstAtOnce_ThenOncePerInterval_WithCount()
    {
        var time = new FakeTimeProvider();
        var tracker = new SpoofTracker(time, TimeSpan.FromSeconds(5));

        tracker.Observe("havip-1", "i-x").Should().Be(1);
        tracker.Observe("havip-1", "i-x").Should().Be(0);
        tracker.Observe("havip-1", "i-x").Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(5));
        tracker.Observe("havip-1", "i-x").Should().Be(3);
        tracker.Observe("havip-1", "i-y").Should().Be(1);
    }
}
