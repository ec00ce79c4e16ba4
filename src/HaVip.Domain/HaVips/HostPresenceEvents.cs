using HaVip.Domain.Hosts;

namespace HaVip.Domain.HaVips;

/// <summary>
/// What a HAVIP's timeline says when a host running one of its bound instances goes stale or
/// comes back. An event, not a status: the HAVIP's status says whether its hosts applied it, and
/// a silent agent does not un-apply anything (the rules stay in that host's kernel), so the
/// status history is left as it was and the health shows <c>HostStale</c> meanwhile.
/// </summary>
public static class HostPresenceEvents
{
    /// <summary>The HAVIP's event for a host's stale or back transition; null for any other host event.</summary>
    public static HaVipEvent? For(HostEvent hostEvent, string haVipId, IReadOnlyCollection<string> boundInstances)
    {
        var kind = hostEvent.Kind switch
        {
            HostEventKinds.Stale => HaVipEventKinds.HostStale,
            HostEventKinds.Back => HaVipEventKinds.HostBack,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }
        var instances = boundInstances.Order(StringComparer.Ordinal).ToArray();
        return new HaVipEvent
        {
            HaVipId = haVipId,
            At = hostEvent.At,
            Kind = kind,
            InstanceId = instances.Length == 1 ? instances[0] : null,
            Message = $"{hostEvent.Message}; bound instance(s) {string.Join(", ", instances)} run there",
        };
    }
}
