namespace HaVip.Agent.Vrrp;

/// <summary>The only moments the server hears about a port's adverts.</summary>
internal enum AdvertChangeKind
{
    /// <summary>First advert for the VRID on the port, or the first after a stop.</summary>
    Started,
    /// <summary>No advert within the last one's Master_Down_Interval, a priority-0 advert, or the port went away.</summary>
    Stopped,
    /// <summary>Priority, interval, version, auth type or addresses differ from the last reported.</summary>
    Changed,
}

/// <summary>A change to report, with the state it leaves (for a stop: the last state seen).</summary>
internal sealed record AdvertChange(AdvertChangeKind Kind, AdvertState State);
