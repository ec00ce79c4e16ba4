using System.Net;

namespace HaVip.Vrrp.Machine;

/// <summary>
/// An advert for our VRID that the codec layer already accepted (TTL, checksum, version, length).
/// <paramref name="MaxAdverInterval"/> is the advert's interval (whole seconds for v2).
/// <paramref name="AuthPassword"/> is the v2 simple password field, null when absent.
/// </summary>
public sealed record AdvertReceived(
    IPAddress Source,
    byte Priority,
    TimeSpan MaxAdverInterval,
    IReadOnlyList<IPAddress> Addresses,
    string? AuthPassword = null) : VrrpEvent;
