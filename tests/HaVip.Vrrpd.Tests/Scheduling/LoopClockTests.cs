using HaVip.Vrrpd.Scheduling;

namespace HaVip.Vrrpd.Tests.Scheduling;

public sealed class LoopClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ran_SeveralTimers_KeepsTheLongestLateness()
    {
        var clock = new LoopClock();

        clock.Ran(T0, T0.AddMilliseconds(3));
        clock.Ran(T0, T0.AddMilliseconds(7));
        clock.Ran(T0, T0.AddMilliseconds(1));

        clock.LatenessMax.Should().Be(TimeSpan.FromMilliseconds(7));
    }

    [Fact]
    public void CheckGc_AfterACollection_RecordsItsPause()
    {
        var clock = new LoopClock();
        clock.CheckGc();

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        clock.CheckGc();

        clock.GcPauseMax.Should().BePositive("a blocking collection pauses the runtime, however briefly");
        clock.GcPauseMax.Should().BeGreaterThanOrEqualTo(GC.GetGCMemoryInfo(GCKind.Any).PauseDurations.ToArray().Max());
    }
}
