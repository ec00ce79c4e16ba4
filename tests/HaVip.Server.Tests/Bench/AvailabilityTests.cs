extern alias FleetBench;

using FleetBench::HaVip.Bench.Fleet;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Bench;

/// <summary>The fleet bench times a change to the HAVIP's own <c>status available</c> event: the first after the change's <c>instances</c> event.</summary>
public sealed class AvailabilityTests
{
    private static readonly DateTime Requested = new(2026, 12, 3, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Find_TheFirstAvailableAfterTheChangesInstancesEvent_NotAnEarlierOne()
    {
        var events = Timeline(
            (-500, "instances", null), (-400, "status", HaVipState.Available),
            (10, "instances", null), (11, "status", HaVipState.Creating), (95, "status", HaVipState.Available));

        Availability.Find(events, Requested).Should().Be((Requested.AddMilliseconds(95), false));
    }

    [Fact]
    public void Find_NotThereYet_IsNull()
    {
        var events = Timeline((-400, "status", HaVipState.Available), (10, "instances", null), (11, "status", HaVipState.Creating));

        Availability.Find(events, Requested).Should().BeNull("the change's acks are not written yet: the bench reads the timeline again");
        Availability.Find(Timeline((-400, "status", HaVipState.Available)), Requested).Should().BeNull("the change itself is not in the timeline yet");
    }

    [Fact]
    public void Find_ALaterChangeBeforeTheAvailable_TimesToItsAvailable_Superseded()
    {
        var events = Timeline((10, "instances", null), (11, "status", HaVipState.Creating), (900, "instances", null), (1200, "status", HaVipState.Available));

        Availability.Find(events, Requested).Should().Be((Requested.AddMilliseconds(1200), true));
    }

    private static HaVipEventDto[] Timeline(params (int Ms, string Kind, HaVipState? Status)[] entries) =>
        [.. entries.Select((e, i) => new HaVipEventDto(i + 1, Requested.AddMilliseconds(e.Ms), e.Kind, e.Kind, e.Status, null))];
}
