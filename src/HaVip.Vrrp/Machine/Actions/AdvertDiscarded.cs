using System.Net;
using HaVip.Net;

namespace HaVip.Vrrp.Machine;

/// <summary>An advert that changed nothing, with the typed reason (for logs and metrics).</summary>
public sealed record AdvertDiscarded(IPAddress Source, byte Priority, DropReason Reason) : VrrpAction;
