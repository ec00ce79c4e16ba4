using HaVip.Domain.HaVips;

namespace HaVip.Domain.Health;

/// <summary>What one evaluation changes: the open findings to add, update and remove, and the timeline events.</summary>
public sealed record FindingTransitions(
    IReadOnlyList<OpenFinding> Started,
    IReadOnlyList<OpenFinding> Ended,
    IReadOnlyList<HaVipEvent> Events);

/// <summary>
/// Turns a HAVIP's findings at one moment into timeline transitions against the findings stored as
/// open. Pure and idempotent: evaluating the same view again, on another replica or after a
/// restart, finds every finding already open and writes nothing.
/// </summary>
public static class FindingTimeline
{
    /// <summary>
    /// A finding that is not open starts at its own moment (<see cref="HealthFinding.Since"/>); an
    /// open one that no longer stands ends at <paramref name="changedAt"/>, the moment the change that
    /// ended it was marked (<see cref="HighAvailabilityVip.HealthDueAt"/>): findings end only by a change.
    /// </summary>
    public static FindingTransitions Compare(string haVipId, IReadOnlyList<OpenFinding> open, IReadOnlyList<HealthFinding> standing, DateTime changedAt)
    {
        var started = standing.Where(f => open.All(o => o.Code != f.Code)).Select(f => OpenFinding.Of(haVipId, f)).ToList();
        var ended = open.Where(o => standing.All(f => f.Code != o.Code)).ToList();
        foreach (var still in open.Except(ended))
        {
            still.Update(standing.First(f => f.Code == still.Code));
        }
        var events = started.Select(f => Event(haVipId, HaVipEventKinds.FindingStarted, f, f.Since, "started: " + f.Message))
            .Concat(ended.Select(f => Event(haVipId, HaVipEventKinds.FindingEnded, f, changedAt > f.Since ? changedAt : f.Since, "ended")))
            .ToList();
        return new(started, ended, events);
    }

    private static HaVipEvent Event(string haVipId, string kind, OpenFinding f, DateTime at, string text) => new()
    {
        HaVipId = haVipId,
        Kind = kind,
        At = at,
        Finding = f.Code.ToString(),
        Instances = f.Instances,
        Message = Truncate($"{f.Code} {text}"),
    };

    // The timeline's message column holds 1024 characters; a finding's explanation is one line.
    private static string Truncate(string message) => message.Length <= 1024 ? message : message[..1021] + "...";
}
