using HaVip.Domain.Addressing;

namespace HaVip.Domain.HaVips;

/// <summary>The HAVIP's address family.</summary>
public sealed partial class HighAvailabilityVip
{
    /// <summary>IPv6 when the address is (RFC 5952 text always holds a colon, dotted-quad text never).</summary>
    public IpFamily Family => FamilyOf(IpAddress);

    /// <summary>The family of a HAVIP's stored address.</summary>
    public static IpFamily FamilyOf(string ipAddress) => ipAddress.Contains(':', StringComparison.Ordinal) ? IpFamily.Ipv6 : IpFamily.Ipv4;
}
