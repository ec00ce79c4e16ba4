using System.Net;

namespace HaVip.Vrrp.Machine;

/// <summary>A burst of <paramref name="Count"/> gratuitous ARPs per address, <paramref name="Interval"/> apart.</summary>
public sealed record SendGratuitousArp(IReadOnlyList<IPAddress> Addresses, int Count, TimeSpan Interval, GarpReason Reason) : VrrpAction;
