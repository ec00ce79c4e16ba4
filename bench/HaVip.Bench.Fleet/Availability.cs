using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Bench.Fleet;

/// <summary>
/// When the server made a change's HAVIP available, from its own timeline (the HAVIP's events,
/// written by the ack that settled it): the end of a change's propagation whether the hosts posted
/// their acks or carried them on their next polls, which answer only at the next change. The
/// bench and the server run on one machine, so the event's time and the bench's clock compare.
/// </summary>
internal static class Availability
{
    /// <summary>How often a HAVIP's timeline is read again while its available event is not there yet.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The time of the first <c>status available</c> event after the change requested at
    /// <paramref name="requestedAt"/> (after its <c>instances</c> event, the first at or after it), read
    /// again until it is there or <paramref name="deadline"/> passes (null then). When a later change
    /// came first (its <c>instances</c> event before it), the HAVIP was not available with this change
    /// alone: the time is the later one's, an upper bound, and <c>Superseded</c> says so.
    /// </summary>
    public static async Task<(DateTime At, bool Superseded)?> AvailableAtAsync(HaVipApiClient admin, string haVipId, DateTime requestedAt, DateTime deadline,
        CancellationToken ct)
    {
        while (true)
        {
            var events = await admin.EventsAsync(haVipId, ct);
            if (Find(events, requestedAt) is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }
            await Task.Delay(Pause, ct);
        }
    }

    /// <summary>The change's available event in <paramref name="events"/> (oldest first); null while it is not there yet.</summary>
    internal static (DateTime At, bool Superseded)? Find(IReadOnlyList<HaVipEventDto> events, DateTime requestedAt)
    {
        var change = -1;
        var superseded = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (change < 0)
            {
                change = e.Kind == "instances" && Utc(e.At) >= requestedAt ? i : -1;
                continue;
            }
            superseded |= e.Kind == "instances";
            if (e.Kind == "status" && e.Status == HaVipState.Available)
            {
                return (Utc(e.At), superseded);
            }
        }
        return null;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    /// <summary>Whether any HAVIP is still waiting for hosts (creating) or failed (seeded HAVIPs fail until their hosts' first acks): one page of one each.</summary>
    public static async Task<string?> PendingAsync(HaVipApiClient admin, CancellationToken ct)
    {
        foreach (var status in new[] { "creating", "failed" })
        {
            var page = await admin.ListHaVipsAsync(new HaVipListFilter(Status: status), new PageRequest(1, null), ct);
            if (page.Items.Count > 0)
            {
                return $"HAVIP {page.Items[0].Id} {status}";
            }
        }
        return null;
    }
}
