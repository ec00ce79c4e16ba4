using HaVip.Domain.HaVips;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Domain.Tests.HaVips;

/// <summary>Tests of a HAVIP on a virtual clock (2026-01-01) with the server's default apply deadline of 30 s.</summary>
public abstract class OnVirtualClock
{
    protected OnVirtualClock() => Clock = new HaVipClock(Time, TimeSpan.FromSeconds(30));

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected HaVipClock Clock { get; }
}
