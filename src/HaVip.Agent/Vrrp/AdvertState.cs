using System.Collections.Immutable;
using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;

namespace HaVip.Agent.Vrrp;

/// <summary>
/// What the agent keeps of one VRID's adverts on one port. The auth data (a v2 password) is not
/// here: it is dropped at decode and never leaves the capture path.
/// </summary>
/// <param name="FirstAt">First advert of this run, <see cref="TimeProvider.GetTimestamp"/>.</param>
/// <param name="LastAt">Latest advert, same clock.</param>
internal sealed record AdvertState(
    string PortName,
    string InstanceId,
    VrrpVersion Version,
    byte VirtualRouterId,
    byte Priority,
    TimeSpan AdvertInterval,
    VrrpAuthType AuthType,
    ImmutableArray<IPAddress> Addresses,
    long FirstAt,
    long LastAt)
{
    /// <summary>
    /// RFC 5798 §6.1 / RFC 3768 §6.1 from this advert's own version, priority and interval: when a
    /// backup at the advertiser's priority would take over, so no later than any real backup does.
    /// </summary>
    public TimeSpan MasterDownInterval => VrrpTimers.MasterDownInterval(Version, Priority, AdvertInterval);

    public static AdvertState From(PortIdentityKey port, VrrpAdvertisement advert, long now) =>
        new(port.PortName, port.InstanceId, advert.Version, advert.VirtualRouterId, advert.Priority, advert.AdvertInterval,
            advert.AuthType, advert.Addresses.IsDefault ? [] : advert.Addresses, now, now);

    /// <summary>Whether an advert says the same as this state (what a change report would carry).</summary>
    public bool SameAs(VrrpAdvertisement advert) =>
        Version == advert.Version
        && Priority == advert.Priority
        && AdvertInterval == advert.AdvertInterval
        && AuthType == advert.AuthType
        && Addresses.SequenceEqual(advert.Addresses.IsDefault ? [] : advert.Addresses);
}

/// <summary>The port an advert came in on, as the tracker needs it.</summary>
internal readonly record struct PortIdentityKey(string PortName, string InstanceId);
