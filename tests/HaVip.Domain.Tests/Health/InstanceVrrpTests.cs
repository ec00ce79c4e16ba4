using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.Health;

/// <summary>
/// The stored observation of one instance's adverts, fed the agent's reports as the server places
/// them on its clock: each report's last advert is the server's receipt time less the age the agent
/// measured, so two reports of one advert land a delivery's latency apart.
/// </summary>
public sealed class InstanceVrrpTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 4, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan MasterDown = TimeSpan.FromSeconds(3 + (256 - 150) / 256.0);

    private static AdvertSeen Seen(bool advertising, DateTime lastAdvertAt) =>
        new(advertising, 2, 150, TimeSpan.FromSeconds(1), "SimplePassword", ["10.0.240.3"], MasterDown, lastAdvertAt);

    [Fact]
    public void Observe_MasterKilledBeforeItsSecondAdvert_StopPlacedEarlierThanItsStart_StillStops()
    {
        var row = new InstanceVrrp { InstanceId = "i-a", VirtualRouterId = 1 };
        // The start's delivery took 5 ms more than the stop's: the one advert both report lands 5 ms apart.
        row.Observe(Seen(true, T0 + TimeSpan.FromMilliseconds(6))).Should().BeTrue();

        row.Observe(Seen(false, T0 + TimeSpan.FromMilliseconds(1))).Should().BeTrue("the stop is news: the silence came a Master_Down_Interval after that advert");

        row.Advertising.Should().BeFalse();
        Arbiter.Decide([new ArbiterVoter("i-a", "10.0.240.10")], [row.ToObservation()], T0 + MasterDown).Should().BeNull("a stopped instance is no candidate");
    }

    [Fact]
    public void Observe_LateReports_ChangeNothing()
    {
        var row = new InstanceVrrp { InstanceId = "i-a", VirtualRouterId = 1 };
        row.Observe(Seen(true, T0)).Should().BeTrue();
        row.Observe(Seen(false, T0 + TimeSpan.FromSeconds(2))).Should().BeTrue();

        row.Observe(Seen(true, T0 + TimeSpan.FromSeconds(1))).Should().BeFalse("an advert seen before the declared silence, delivered after it");
        row.Advertising.Should().BeFalse();

        row.Observe(Seen(true, T0 + TimeSpan.FromSeconds(10))).Should().BeTrue("a new run after the silence");
        row.Observe(Seen(false, T0 + TimeSpan.FromSeconds(2))).Should().BeFalse("the old run's stop, retried late");
        row.Advertising.Should().BeTrue();
        row.StartedAt.Should().Be(T0 + TimeSpan.FromSeconds(10));
    }
}
