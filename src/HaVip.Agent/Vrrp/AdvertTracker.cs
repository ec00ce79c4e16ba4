using HaVip.Agent.Arp;
using HaVip.Net.Vrrp;

namespace HaVip.Agent.Vrrp;

/// <summary>
/// Keeps per (port, VRID) what the adverts say and turns the stream into changes: a steady
/// master costs one report when it starts and one when it stops, never one per packet. A run
/// ends when no advert came within the last one's Master_Down_Interval (found by
/// <see cref="Sweep"/>), at a priority-0 advert (the master resigning, RFC 5798 §6.4.3), or when
/// the port goes away.
/// </summary>
internal sealed class AdvertTracker(TimeProvider time)
{
    private readonly Dictionary<(string Port, byte Vrid), AdvertState> _runs = [];
    private readonly Lock _lock = new();

    public AdvertChange? Observe(PortIdentity port, VrrpAdvertisement advert)
    {
        var now = time.GetTimestamp();
        var key = (port.PortName, advert.VirtualRouterId);
        lock (_lock)
        {
            var known = _runs.TryGetValue(key, out var last);
            if (advert.Priority == 0)
            {
                _runs.Remove(key);
                return known ? new AdvertChange(AdvertChangeKind.Stopped, last! with { LastAt = now }) : null;
            }
            if (known && last!.SameAs(advert))
            {
                _runs[key] = last with { LastAt = now };
                return null;
            }
            var state = AdvertState.From(new PortIdentityKey(port.PortName, port.InstanceId), advert, now);
            _runs[key] = known ? state with { FirstAt = last!.FirstAt } : state;
            return new AdvertChange(known ? AdvertChangeKind.Changed : AdvertChangeKind.Started, _runs[key]);
        }
    }

    /// <summary>Ends every run whose last advert is at least its Master_Down_Interval old.</summary>
    public IReadOnlyList<AdvertChange> Sweep()
    {
        var now = time.GetTimestamp();
        return End(s => time.GetElapsedTime(s.LastAt, now) >= s.MasterDownInterval);
    }

    /// <summary>Ends the runs of ports no longer watched (the instance moved or was deleted).</summary>
    public IReadOnlyList<AdvertChange> Retain(IReadOnlySet<string> ports) => End(s => !ports.Contains(s.PortName));

    private List<AdvertChange> End(Func<AdvertState, bool> ended)
    {
        lock (_lock)
        {
            var stopped = _runs.Where(r => ended(r.Value)).ToList();
            foreach (var run in stopped)
            {
                _runs.Remove(run.Key);
            }
            return stopped.Select(r => new AdvertChange(AdvertChangeKind.Stopped, r.Value)).ToList();
        }
    }
}
