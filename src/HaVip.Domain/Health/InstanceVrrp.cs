namespace HaVip.Domain.Health;

/// <summary>What an agent said of one instance's adverts, placed on the server's clock.</summary>
public sealed record AdvertSeen(
    bool Advertising,
    int Version,
    int Priority,
    TimeSpan AdvertInterval,
    string AuthType,
    IReadOnlyList<string> Addresses,
    TimeSpan MasterDownInterval,
    DateTime LastAdvertAt);

/// <summary>
/// The stored latest observation of one instance's adverts for one VRID. A run starts at its
/// first advert and keeps its start through changes; a report older than what is stored (a retry
/// delivered late, through another replica) changes nothing. Reports are ordered by what they
/// report (<see cref="EventAt"/>): an advert at its time, a stop when the agent declared it, its
/// last advert plus the Master_Down_Interval.
/// </summary>
public sealed class InstanceVrrp
{
    public required string InstanceId { get; init; }

    public int VirtualRouterId { get; init; }

    public bool Advertising { get; private set; }

    public int Version { get; private set; }

    public int Priority { get; private set; }

    public long AdvertIntervalMilliseconds { get; private set; }

    public string AuthType { get; private set; } = "";

    /// <summary>The advertised addresses, comma-separated in wire order.</summary>
    public string Addresses { get; private set; } = "";

    public long MasterDownIntervalMicroseconds { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime ChangedAt { get; private set; }

    public DateTime LastAdvertAt { get; private set; }

    /// <summary>Takes a report; false when it is older than what is stored.</summary>
    public bool Observe(AdvertSeen seen)
    {
        // Not the last advert alone: a master killed before its second advert is reported stopped
        // with the same last advert as its start, each placed on this clock with its own delivery's
        // error, so the stop could look older than the start and be lost, leaving the instance
        // advertising for good (and the platform's decision on it: the lab's SIGKILL test).
        if (EventAt(seen.Advertising, seen.LastAdvertAt, seen.MasterDownInterval)
            < EventAt(Advertising, LastAdvertAt, TimeSpan.FromMicroseconds(MasterDownIntervalMicroseconds)))
        {
            return false;
        }
        var addresses = string.Join(',', seen.Addresses);
        if (seen.Advertising && !Advertising)
        {
            StartedAt = seen.LastAdvertAt;
            ChangedAt = seen.LastAdvertAt;
        }
        else if (seen.Advertising && (Version != seen.Version || Priority != seen.Priority || AuthType != seen.AuthType
            || AdvertIntervalMilliseconds != (long)seen.AdvertInterval.TotalMilliseconds || Addresses != addresses))
        {
            ChangedAt = seen.LastAdvertAt;
        }
        Advertising = seen.Advertising;
        Version = seen.Version;
        Priority = seen.Priority;
        AdvertIntervalMilliseconds = (long)seen.AdvertInterval.TotalMilliseconds;
        AuthType = seen.AuthType;
        Addresses = addresses;
        MasterDownIntervalMicroseconds = seen.MasterDownInterval.Ticks / TimeSpan.TicksPerMicrosecond;
        LastAdvertAt = seen.LastAdvertAt;
        return true;
    }

    /// <summary>When a report's news happened: an advert when it was seen; a stop when the agent declared the silence (RFC 5798 §6.1).</summary>
    public static DateTime EventAt(bool advertising, DateTime lastAdvertAt, TimeSpan masterDownInterval) =>
        advertising || lastAdvertAt == default ? lastAdvertAt : lastAdvertAt + masterDownInterval;

    public VrrpObservation ToObservation() => Observation(
        InstanceId, VirtualRouterId, Advertising, Version, Priority, AdvertIntervalMilliseconds, AuthType, Addresses,
        MasterDownIntervalMicroseconds, StartedAt, ChangedAt, LastAdvertAt);

    /// <summary>An observation from a stored row's columns (the GET's prepared read on SQLite reads them directly).</summary>
    public static VrrpObservation Observation(
        string instanceId, int virtualRouterId, bool advertising, int version, int priority, long advertIntervalMilliseconds, string authType,
        string addresses, long masterDownIntervalMicroseconds, DateTime startedAt, DateTime changedAt, DateTime lastAdvertAt) => new(
        instanceId, virtualRouterId, advertising, version, priority, TimeSpan.FromMilliseconds(advertIntervalMilliseconds), authType,
        addresses.Length == 0 ? [] : addresses.Split(','), TimeSpan.FromMicroseconds(masterDownIntervalMicroseconds), startedAt, changedAt, lastAdvertAt);
}
