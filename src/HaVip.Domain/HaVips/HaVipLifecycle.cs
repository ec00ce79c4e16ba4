using System.Globalization;
using HaVip.Domain;

namespace HaVip.Domain.HaVips;

/// <summary>
/// The status rules of a HAVIP. A new or changed HAVIP must be applied by every host that runs
/// one of its subnet's instances: it is creating until then, available after, failed when a
/// host reports an error or the deadline passes. With no host to apply it, it settles at once.
/// Hosts acknowledge a change sequence number: "everything up to N is applied".
/// </summary>
public sealed class HaVipLifecycle(TimeProvider time, TimeSpan applyDeadline)
{
    public TimeSpan ApplyDeadline => applyDeadline;

    /// <summary>Records a change that <paramref name="hosts"/> must apply, and re-evaluates.</summary>
    public IReadOnlyList<HaVipEvent> RequireApply(HighAvailabilityVip vip, long sequence, IReadOnlyCollection<string> hosts)
    {
        var now = time.UtcNow();
        vip.Generation = sequence;
        vip.ApplyDeadline = now + applyDeadline;
        vip.Hosts.RemoveAll(h => !hosts.Contains(h.Host));
        foreach (var host in hosts)
        {
            var row = vip.Hosts.Find(h => h.Host == host);
            if (row is null)
            {
                row = new HostApply { HaVipId = vip.Id, Host = host };
                vip.Hosts.Add(row);
            }
            row.RequiredGeneration = sequence;
            row.Error = null;
        }
        var events = new List<HaVipEvent>();
        if (vip.Status != HaVipStatus.Deleting && vip.Hosts.Count > 0)
        {
            SetStatus(vip, HaVipStatus.Creating, null, now, events);
        }
        Evaluate(vip, events);
        return events;
    }

    /// <summary>Marks the HAVIP deleting; hosts that carry it must remove it.</summary>
    public IReadOnlyList<HaVipEvent> BeginDelete(HighAvailabilityVip vip, long sequence, IReadOnlyCollection<string> hosts)
    {
        vip.EnsureDeletable();
        var events = new List<HaVipEvent>();
        SetStatus(vip, HaVipStatus.Deleting, null, time.UtcNow(), events);
        vip.Bindings.Clear();
        vip.MasterInstanceId = null;
        events.AddRange(RequireApply(vip, sequence, hosts));
        return events;
    }

    /// <summary>A host applied everything up to <paramref name="appliedSequence"/>, or failed this HAVIP with <paramref name="error"/>.</summary>
    public IReadOnlyList<HaVipEvent> HostReported(HighAvailabilityVip vip, string host, long appliedSequence, string? error)
    {
        var events = new List<HaVipEvent>();
        var row = vip.Hosts.Find(h => h.Host == host);
        if (row is not null && appliedSequence >= row.RequiredGeneration)
        {
            row.AppliedGeneration = Math.Max(row.AppliedGeneration, appliedSequence);
            row.Error = error;
            Evaluate(vip, events);
        }
        return events;
    }

    /// <summary>Applies the deadline; call periodically for unsettled HAVIPs.</summary>
    public IReadOnlyList<HaVipEvent> CheckDeadline(HighAvailabilityVip vip)
    {
        var events = new List<HaVipEvent>();
        Evaluate(vip, events);
        return events;
    }

    /// <summary>A deleting HAVIP can be removed once every host removed it, or the deadline passed
    /// (an absent host reconciles from the desired state, which no longer holds it, when it returns).</summary>
    public bool CanRemove(HighAvailabilityVip vip) =>
        vip.Status == HaVipStatus.Deleting
        && (vip.Hosts.TrueForAll(h => h.AppliedGeneration >= h.RequiredGeneration) || IsPastDeadline(vip));

    /// <summary>
    /// A bound instance claimed the VIP at <paramref name="claimedAt"/>, on the server's clock (see
    /// <see cref="HostReportRules.ClaimedAt"/>); older claims never win. A <see cref="HighAvailabilityVip.MasterSince"/>
    /// in the future was stored from an agent's clock before claims were placed on the server's, and bounds nothing.
    /// </summary>
    public IReadOnlyList<HaVipEvent> HolderObserved(HighAvailabilityVip vip, string instanceId, DateTime claimedAt)
    {
        if (vip.Status == HaVipStatus.Deleting || vip.Bindings.TrueForAll(b => b.InstanceId != instanceId)
            || (vip.MasterSince is { } since && since <= time.UtcNow() && claimedAt <= since))
        {
            return [];
        }
        vip.MasterSince = claimedAt;
        if (vip.MasterInstanceId == instanceId)
        {
            return [];
        }
        var previous = vip.MasterInstanceId;
        vip.MasterInstanceId = instanceId;
        vip.UpdatedAt = time.UtcNow();
        var message = previous is null ? $"master is now {instanceId}" : $"master moved from {previous} to {instanceId}";
        return [NewEvent(vip, HaVipEventKinds.Master, message, claimedAt, instanceId: instanceId)];
    }

    private void Evaluate(HighAvailabilityVip vip, List<HaVipEvent> events)
    {
        if (vip.Status == HaVipStatus.Deleting)
        {
            return;
        }
        var now = time.UtcNow();
        var failedHost = vip.Hosts.Find(h => h.Error is not null && h.AppliedGeneration >= h.RequiredGeneration);
        var pending = vip.Hosts.Where(h => h.AppliedGeneration < h.RequiredGeneration).Select(h => h.Host).Order(StringComparer.Ordinal).ToArray();
        if (failedHost is not null)
        {
            SetStatus(vip, HaVipStatus.Failed, $"host {failedHost.Host} could not apply it: {failedHost.Error}", now, events);
        }
        else if (pending.Length == 0)
        {
            SetStatus(vip, HaVipStatus.Available, null, now, events);
        }
        else if (IsPastDeadline(vip))
        {
            var seconds = applyDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            SetStatus(vip, HaVipStatus.Failed, $"not applied by host(s) {string.Join(", ", pending)} within {seconds} s", now, events);
        }
    }

    private bool IsPastDeadline(HighAvailabilityVip vip) => vip.ApplyDeadline is { } deadline && time.UtcNow() >= deadline;

    private static void SetStatus(HighAvailabilityVip vip, HaVipStatus status, string? reason, DateTime now, List<HaVipEvent> events)
    {
        if (vip.Status == status && vip.StatusReason == reason)
        {
            return;
        }
        vip.Status = status;
        vip.StatusReason = reason;
        vip.UpdatedAt = now;
        var text = status.ToString().ToLowerInvariant();
        events.Add(NewEvent(vip, HaVipEventKinds.Status, reason is null ? $"status {text}" : $"status {text}: {reason}", now, status));
    }

    private static HaVipEvent NewEvent(HighAvailabilityVip vip, string kind, string message, DateTime at, HaVipStatus? status = null, string? instanceId = null) =>
        new() { HaVipId = vip.Id, Kind = kind, Message = message, At = at, Status = status, InstanceId = instanceId };
}
