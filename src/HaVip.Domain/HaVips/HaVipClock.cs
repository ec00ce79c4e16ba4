namespace HaVip.Domain.HaVips;

/// <summary>
/// The server's clock and the apply deadline: what a HAVIP needs to tell when a change is
/// overdue. Hosts' clocks never reach it (see <see cref="HostReportRules"/>).
/// </summary>
public sealed record HaVipClock(TimeProvider Time, TimeSpan ApplyDeadline)
{
    public DateTime Now => Time.UtcNow();
}
