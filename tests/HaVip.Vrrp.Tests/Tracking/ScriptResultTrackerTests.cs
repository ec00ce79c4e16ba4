using HaVip.Vrrp.Tracking;

namespace HaVip.Vrrp.Tests.Tracking;

public sealed class ScriptResultTrackerTests
{
    [Fact]
    public void Record_FirstResult_DecidesStatus()
    {
        var t = new ScriptResultTracker(rise: 3, fall: 2);

        t.IsUp.Should().BeNull();
        t.Record(false).Should().BeFalse();
        t.IsUp.Should().BeFalse();
    }

    [Fact]
    public void Record_RiseConsecutiveSuccesses_TurnUp()
    {
        var t = new ScriptResultTracker(rise: 3, fall: 2);
        t.Record(false);

        t.Record(true).Should().BeNull();
        t.Record(true).Should().BeNull();
        t.Record(false).Should().BeNull("a failure resets the run of successes");
        t.Record(true).Should().BeNull();
        t.Record(true).Should().BeNull();
        t.Record(true).Should().BeTrue();
    }

    [Fact]
    public void Record_FallConsecutiveFailures_TurnDown()
    {
        var t = new ScriptResultTracker(rise: 1, fall: 2);
        t.Record(true);

        t.Record(false).Should().BeNull();
        t.Record(true).Should().BeNull();
        t.Record(false).Should().BeNull();
        t.Record(false).Should().BeFalse();
        t.Record(false).Should().BeNull("already down");
    }

    [Fact]
    public void Constructor_ZeroRise_Throws() =>
        FluentActions.Invoking(() => new ScriptResultTracker(0, 1)).Should().Throw<ArgumentOutOfRangeException>();
}
