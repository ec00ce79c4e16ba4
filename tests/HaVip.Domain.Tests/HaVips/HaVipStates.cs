using HaVip.Domain.HaVips;

namespace HaVip.Domain.Tests.HaVips;

/// <summary>A HAVIP brought into a status the way the server does it: through its own methods.</summary>
internal static class HaVipStates
{
    public static HighAvailabilityVip Available(HaVipClock clock, params string[] instanceIds) =>
        In(HaVipStatus.Available, clock, instanceIds);

    public static HighAvailabilityVip In(HaVipStatus status, HaVipClock clock, params string[] instanceIds)
    {
        var vip = HaVipRulesTests.Vip();
        vip.ReplaceInstances(instanceIds, clock.Now);
        switch (status)
        {
            case HaVipStatus.Creating:
                vip.RequireApply(1, ["host-a"], clock);
                break;
            case HaVipStatus.Available:
                vip.RequireApply(1, [], clock);
                break;
            case HaVipStatus.Failed:
                vip.RequireApply(1, ["host-a"], clock);
                vip.MarkApplied("host-a", 1, "boom", clock);
                break;
            case HaVipStatus.Deleting:
                vip.RequireApply(1, [], clock);
                vip.BeginDelete(2, ["host-a"], clock);
                break;
        }
        vip.Status.Should().Be(status);
        return vip;
    }
}
