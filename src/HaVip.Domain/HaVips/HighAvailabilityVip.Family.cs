using HaVip.Domain.Addressing;

namespace HaVip.Domain.HaVips;

/// <summary>The HAVIP's address family, and what the data plane can do with it today.</summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>Why a host cannot apply an IPv6 HAVIP: every agent's ruleset passes IPv4 and ARP only (issue 20's data-plane part).</summary>
    public const string Ipv6NotEnforced = "its agent does not enforce IPv6 HAVIPs yet (the data plane is IPv4-only)";

    /// <summary>IPv6 when the address is (RFC 5952 text always holds a colon, dotted-quad text never).</summary>
    public IpFamily Family => IpAddress.Contains(':', StringComparison.Ordinal) ? IpFamily.Ipv6 : IpFamily.Ipv4;

    /// <summary>
    /// A host that acknowledges an IPv6 HAVIP's change did not enforce it (it is kept out of the
    /// desired state), so the acknowledgement fails it rather than calling it available: a HAVIP is
    /// available only once every host that must carry it does.
    /// </summary>
    private string? UnenforcedReason => Family == IpFamily.Ipv6 ? Ipv6NotEnforced : null;
}
