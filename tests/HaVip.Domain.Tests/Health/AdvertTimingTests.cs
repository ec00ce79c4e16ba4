using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.Health;

/// <summary>The interval the data path times each bound instance's adverts by (docs/split-brain.md, "Advert intervals").</summary>
public sealed class AdvertTimingTests
{
    private const int Generated = 1000;

    private static readonly DateTime T0 = new(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc);

    private static SeenInterval Advertising(long ms) => new(true, ms, T0);

    /// <summary>Stopped, its last advert <paramref name="secondsAgo"/> before T0.</summary>
    private static SeenInterval Stopped(long ms, int secondsAgo = 10) => new(false, ms, T0.AddSeconds(-secondsAgo));

    private static IReadOnlyDictionary<string, int?> Of(Dictionary<string, SeenInterval> observed, params string[] ids) =>
        AdvertTiming.Of(ids.Length == 0 ? ["i-a", "i-b"] : ids, observed, Generated);

    [Fact]
    public void Advertising_TimedByItsObservedInterval_NotTheGenerated()
    {
        Of(new() { ["i-a"] = Advertising(200), ["i-b"] = Advertising(3000) })
            .Should().BeEquivalentTo(new Dictionary<string, int?> { ["i-a"] = 200, ["i-b"] = 3000 });
    }

    [Fact]
    public void NotAdvertising_TheAdvertisingPeersShortest_NotItsOwnLastInterval()
    {
        Of(new() { ["i-a"] = Advertising(300), ["i-b"] = Advertising(200) }, "i-a", "i-b", "i-c")["i-c"]
            .Should().Be(200, "a backup never seen advertising runs its cluster's configuration; shorter only lets claims pass sooner");
        Of(new() { ["i-a"] = Advertising(1000), ["i-b"] = Stopped(200) })["i-b"]
            .Should().Be(1000, "its 200 ms may be another HAVIP's that used the VRID before, or a former configuration");
    }

    [Fact]
    public void NoneAdvertising_TheIntervalOfTheLastToAdvertise_ElseTheGenerated()
    {
        Of(new() { ["i-a"] = Stopped(1000, secondsAgo: 1), ["i-b"] = Stopped(200, secondsAgo: 60) }).Values.Should().AllBeEquivalentTo(1000,
            "between a killed master's stop and its backup's first advert, the cluster's interval is the master's, not a stale observation's");
        Of([]).Values.Should().AllBeEquivalentTo(Generated);
    }

    [Fact]
    public void SeenBeforeTheBinding_LeftOut_AsIfNeverSeen()
    {
        var bound = new BoundInstance[] { new("i-a", T0.AddSeconds(-5)), new("i-b", T0.AddSeconds(-5)) };
        var staleRun = new SeenInterval(true, 1000, T0.AddSeconds(-30));

        AdvertTiming.Of(bound, new Dictionary<string, SeenInterval> { ["i-a"] = Advertising(200), ["i-b"] = staleRun }, Generated)["i-b"]
            .Should().Be(200, "a run reported before the binding is a former configuration's, its stop perhaps never reported");
        AdvertTiming.Of(bound, new Dictionary<string, SeenInterval> { ["i-b"] = staleRun }, Generated).Values.Should().AllBeEquivalentTo(Generated);
        AdvertTiming.Of(bound, new Dictionary<string, SeenInterval> { ["i-b"] = staleRun with { LastAdvertAt = T0.AddSeconds(-5) } }, Generated)["i-b"]
            .Should().Be(1000, "an advert at the binding's instant counts");
    }

    [Fact]
    public void OutsideTheBounds_NotTimed()
    {
        var timing = Of(new() { ["i-a"] = Advertising(10), ["i-b"] = Advertising(20), ["i-c"] = Advertising(255_000) }, "i-a", "i-b", "i-c");

        timing["i-a"].Should().BeNull("half of 10 ms is no margin against the kernel's jiffy-timed set timeouts");
        timing["i-b"].Should().Be((int)AdvertTiming.Shortest.TotalMilliseconds);
        timing["i-c"].Should().Be((int)AdvertTiming.Longest.TotalMilliseconds);
        Of(new() { ["i-a"] = Advertising(255_001) }, "i-a")["i-a"].Should().BeNull();
    }

    [Fact]
    public void Same_ComparesEveryInstancesTiming()
    {
        var before = Of(new() { ["i-a"] = Advertising(1000) });

        AdvertTiming.Same(before, Of(new() { ["i-a"] = Advertising(1000), ["i-b"] = Advertising(1000) }))
            .Should().BeTrue("a first report at the interval already assumed changes nothing on the hosts");
        AdvertTiming.Same(before, Of(new() { ["i-a"] = Stopped(1000), ["i-b"] = Advertising(1000) })).Should().BeTrue("a takeover in a cluster on one interval neither");
        AdvertTiming.Same(before, Of(new() { ["i-a"] = Advertising(200) })).Should().BeFalse();
        AdvertTiming.Same(before, Of(new() { ["i-a"] = Advertising(1000), ["i-b"] = Advertising(5) })).Should().BeFalse();
    }
}
