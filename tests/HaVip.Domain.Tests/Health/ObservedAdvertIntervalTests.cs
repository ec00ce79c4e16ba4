using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.Health;

/// <summary>
/// The interval the agents time a HAVIP's arbitration and silence elements by: the one its
/// instances are seen advertising (advert_int 0.1 in the benchmark), not the generated
/// configuration's 1 s, which kept a real takeover's gratuitous ARPs dropped for 2.5 s.
/// </summary>
public sealed class ObservedAdvertIntervalTests
{
    private const int Vrid = 51;
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Configured = TimeSpan.FromSeconds(1);
    private static readonly string[] Bound = ["i-a", "i-b"];

    private static VrrpObservation Seen(string id, int intervalMs, DateTime lastAdvertAt, int vrid = Vrid, bool advertising = true) =>
        new(id, vrid, advertising, 3, 100, TimeSpan.FromMilliseconds(intervalMs), "none", ["10.0.240.204"], TimeSpan.FromSeconds(0.36),
            lastAdvertAt, lastAdvertAt, lastAdvertAt);

    [Fact]
    public void NothingSeen_TheConfiguredInterval()
    {
        ObservedAdvertInterval.Of([], Bound, Vrid, null, Configured).Should().Be(Configured);
        ObservedAdvertInterval.Of([Seen("i-a", 100, T0, vrid: 52), Seen("i-x", 100, T0)], Bound, Vrid, null, Configured)
            .Should().Be(Configured, "another VRID's adverts and an unbound instance's say nothing of this HAVIP");
    }

    [Fact]
    public void TheChosenInstancesInterval_WhateverTheOthersSay()
    {
        VrrpObservation[] seen = [Seen("i-a", 100, T0), Seen("i-b", 200, T0 + TimeSpan.FromSeconds(5))];

        ObservedAdvertInterval.Of(seen, Bound, Vrid, "i-a", Configured).Should().Be(TimeSpan.FromMilliseconds(100));
        ObservedAdvertInterval.Of(seen, Bound, Vrid, "i-b", Configured).Should().Be(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void NoDecision_TheLastAdvertisersInterval_EvenWhenItStopped()
    {
        VrrpObservation[] seen = [Seen("i-a", 100, T0), Seen("i-b", 1000, T0 + TimeSpan.FromSeconds(5), advertising: false)];

        ObservedAdvertInterval.Of(seen, Bound, Vrid, null, Configured)
            .Should().Be(TimeSpan.FromSeconds(1), "i-b was reconfigured to 1 s after i-a's last advert at 0.1 s: the stale shorter one must not win");
    }
}
