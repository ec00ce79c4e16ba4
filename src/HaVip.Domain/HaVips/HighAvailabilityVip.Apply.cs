using System.Globalization;
using HaVip.Domain.Hosts;

namespace HaVip.Domain.HaVips;

/// <summary>
/// The status rules. A new or changed HAVIP must be applied by every host that runs one of its
/// subnet's instances: it is creating until then, available after, failed when a host reports an
/// error or the deadline passes. With no host to apply it, it settles at once. Hosts acknowledge
/// a change sequence number: "everything up to N is applied".
/// </summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>Records a change (sequence <paramref name="sequence"/>) that <paramref name="hosts"/> must apply, and re-evaluates.</summary>
    public IReadOnlyList<HaVipEvent> RequireApply(long sequence, IReadOnlyCollection<string> hosts, HaVipClock clock)
    {
        var now = clock.Now;
        Generation = sequence;
        ApplyDeadline = now + clock.ApplyDeadline;
        Version++;
        _hosts.RemoveAll(h => !hosts.Contains(h.Host));
        foreach (var host in hosts)
        {
            var row = _hosts.Find(h => h.Host == host);
            if (row is null)
            {
                row = new HostApply { HaVipId = Id, Host = host };
                _hosts.Add(row);
            }
            row.Require(sequence);
        }
        var events = new List<HaVipEvent>();
        if (Status != HaVipStatus.Deleting && _hosts.Count > 0)
        {
            SetStatus(HaVipStatus.Creating, null, now, events);
        }
        Evaluate(clock, events);
        return events;
    }

    /// <summary>Marks the HAVIP deleting: it loses its instances and its master, and hosts that carry it must remove it.</summary>
    public IReadOnlyList<HaVipEvent> BeginDelete(long sequence, IReadOnlyCollection<string> hosts, HaVipClock clock)
    {
        EnsureDeletable();
        var events = new List<HaVipEvent>();
        SetStatus(HaVipStatus.Deleting, null, clock.Now, events);
        _bindings.Clear();
        ClearMaster();
        events.AddRange(RequireApply(sequence, hosts, clock));
        return events;
    }

    /// <summary>
    /// A host applied everything up to <paramref name="appliedSequence"/>, or failed this HAVIP with
    /// <paramref name="error"/>. A HAVIP that failed at its deadline keeps that failure, its reason
    /// and its status history as they were while other hosts are still missing: the reason says
    /// which hosts had not applied it within the deadline, the facts of the failure, and an ack of
    /// one of them is not a new status (in a region whose hosts come up one by one, it was an event
    /// per HAVIP per host). The last one's ack makes it available; an error makes it fail anew.
    /// </summary>
    public IReadOnlyList<HaVipEvent> MarkApplied(string host, long appliedSequence, string? error, HaVipClock clock)
    {
        var events = new List<HaVipEvent>();
        var row = _hosts.Find(h => h.Host == host);
        var failedAtDeadline = IsFailedAtDeadline();
        if (row is not null && row.Acknowledge(appliedSequence, error)
            && !(failedAtDeadline && error is null && !_hosts.TrueForAll(h => h.HasApplied)))
        {
            Evaluate(clock, events);
        }
        return events;
    }

    /// <summary>
    /// Failed, and not by a host's error: a failure has two causes, and a host's error stays on its
    /// row until that host applies the change or a new change is required (which makes the HAVIP
    /// creating again), so a failed HAVIP with no row in error failed at its deadline.
    /// </summary>
    private bool IsFailedAtDeadline() => Status == HaVipStatus.Failed && _hosts.TrueForAll(h => h.Error is null);

    /// <summary>
    /// Applies the deadline; called periodically for unsettled HAVIPs. A failure names each host
    /// that did not apply with its state in <paramref name="pending"/> (ready but not
    /// acknowledged, stale since when, or unknown), so the reason says whether the host or the
    /// change is at fault. Null: the region has no hosts to read states from (a server where no
    /// agent ever registered), and the reason names the hosts only.
    /// </summary>
    public IReadOnlyList<HaVipEvent> CheckDeadline(HaVipClock clock, IReadOnlyCollection<PendingHost>? pending = null)
    {
        var events = new List<HaVipEvent>();
        Evaluate(clock, events, pending);
        return events;
    }

    /// <summary>The hosts that have not applied the current change yet.</summary>
    public IEnumerable<string> PendingHosts() => _hosts.Where(h => !h.HasApplied).Select(h => h.Host);

    /// <summary>A deleting HAVIP can be removed once every host removed it, or the deadline passed
    /// (an absent host reconciles from the desired state, which no longer holds it, when it returns).</summary>
    public bool CanRemove(HaVipClock clock) =>
        Status == HaVipStatus.Deleting && (_hosts.TrueForAll(h => h.HasApplied) || IsPastDeadline(clock));

    private void Evaluate(HaVipClock clock, List<HaVipEvent> events, IReadOnlyCollection<PendingHost>? states = null)
    {
        if (Status == HaVipStatus.Deleting)
        {
            return;
        }
        var now = clock.Now;
        var failedHost = _hosts.Find(h => h.Error is not null && h.HasApplied);
        var pending = _hosts.Where(h => !h.HasApplied).OrderBy(h => h.Host, StringComparer.Ordinal).ToArray();
        if (failedHost is not null)
        {
            SetStatus(HaVipStatus.Failed, $"host {failedHost.Host} could not apply it: {failedHost.Error}", now, events);
        }
        else if (pending.Length == 0)
        {
            SetStatus(HaVipStatus.Available, null, now, events);
        }
        else if (IsPastDeadline(clock))
        {
            SetStatus(HaVipStatus.Failed, DeadlineReason(pending, clock, states), now, events);
        }
    }

    private static string DeadlineReason(HostApply[] pending, HaVipClock clock, IReadOnlyCollection<PendingHost>? states)
    {
        var seconds = clock.ApplyDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var reason = $"not applied by host(s) {string.Join(", ", pending.Select(p => p.Host))} within {seconds} s";
        var why = pending
            .Select(p => (states ?? []).FirstOrDefault(s => s.Name == p.Host)?.Describe(p.RequiredGeneration))
            .OfType<string>().ToArray();
        return why.Length == 0 ? reason : $"{reason}: {string.Join("; ", why)}";
    }

    private bool IsPastDeadline(HaVipClock clock) => ApplyDeadline is { } deadline && clock.Now >= deadline;

    private void SetStatus(HaVipStatus status, string? reason, DateTime now, List<HaVipEvent> events)
    {
        if (Status == status && StatusReason == reason)
        {
            return;
        }
        Status = status;
        StatusReason = reason;
        UpdatedAt = now;
        var text = status.ToString().ToLowerInvariant();
        events.Add(NewEvent(HaVipEventKinds.Status, reason is null ? $"status {text}" : $"status {text}: {reason}", now, status));
    }
}
