using System.Net;

namespace HaVip.Vrrp.Machine;

/// <summary>Send one advert; empty <paramref name="Destinations"/> means multicast (224.0.0.18).</summary>
public sealed record SendAdvert(byte Priority, TimeSpan AdverInterval, IReadOnlyList<IPAddress> Destinations) : VrrpAction;
